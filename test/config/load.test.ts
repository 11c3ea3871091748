import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { KpiError } from '../../src/errors/kpi-error.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'kpi-config-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

describe('loadConfig (Decision #42)', () => {
  it('returns null when there is no config', async () => {
    expect(await loadConfig({ cwd: dir })).toBeNull();
  });

  it('discovers kpi.config.yaml > .yml > .json and warns config_multiple', async () => {
    writeFileSync(path.join(dir, 'kpi.config.json'), '{"lang": "ru"}');
    const one = await loadConfig({ cwd: dir });
    expect(one?.config.lang).toBe('ru');
    expect(one?.issues).toEqual([]);

    writeFileSync(path.join(dir, 'kpi.config.yml'), 'week_start: sunday\n');
    const two = await loadConfig({ cwd: dir });
    expect(two?.path).toBe(path.join(dir, 'kpi.config.yml'));
    expect(two?.config.week_start).toBe('sunday');
    expect(two?.config.lang).toBe('en');
    expect(two?.issues.map((i) => [i.code, i.severity])).toEqual([['config_multiple', 'warning']]);
    expect(two?.issues[0]!.message).toContain('kpi.config.json');

    writeFileSync(path.join(dir, 'kpi.config.yaml'), 'week_start: saturday\n');
    const three = await loadConfig({ cwd: dir });
    expect(three?.config.week_start).toBe('saturday');
    expect(three?.issues[0]!.message).toMatch(/ignored: kpi\.config\.yml, kpi\.config\.json/);
  });

  it('looks in the working directory only, not its parents', async () => {
    writeFileSync(path.join(dir, 'kpi.config.yaml'), 'lang: ru\n');
    const sub = path.join(dir, 'sub');
    mkdirSync(sub);
    expect(await loadConfig({ cwd: sub })).toBeNull();
  });

  it('--no-config skips discovery', async () => {
    writeFileSync(path.join(dir, 'kpi.config.yaml'), 'lang: ru\n');
    expect(await loadConfig({ cwd: dir, noConfig: true })).toBeNull();
  });

  it('an explicit path is relative to cwd; dir is its folder (config paths resolve from there)', async () => {
    mkdirSync(path.join(dir, 'conf'));
    writeFileSync(path.join(dir, 'conf', 'my.yaml'), 'sources:\n  - { kind: leads, files: "exports/*.csv" }\n');
    const r = await loadConfig({ cwd: dir, explicit: 'conf/my.yaml' });
    expect(r?.dir).toBe(path.join(dir, 'conf'));
    expect(r?.config.sources[0]!.files).toEqual(['exports/*.csv']);
  });

  it('a missing explicit file is exit 2', async () => {
    await expect(loadConfig({ cwd: dir, explicit: 'nope.yaml' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('config file not found') });
  });

  it('-c with --no-config is exit 2', async () => {
    await expect(loadConfig({ cwd: dir, explicit: 'a.yaml', noConfig: true })).rejects.toBeInstanceOf(KpiError);
  });

  it('errors name the file as the user knows it', async () => {
    writeFileSync(path.join(dir, 'kpi.config.yaml'), 'won_status: [x]\n');
    await expect(loadConfig({ cwd: dir })).rejects.toMatchObject({
      exitCode: 2, message: 'kpi.config.yaml: won_status: unknown key; did you mean "won_statuses"?',
    });
  });
});
