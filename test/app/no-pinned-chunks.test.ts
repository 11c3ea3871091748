/**
 * What a load keeps holds no slice of the decoded file: every text a dictionary, a memo or an
 * issue keeps is a copy (src/values/flat.ts), or the chunks it was cut from — the whole file,
 * one kept slice per chunk — would stay in memory. Loaded here: a lead list whose every phone,
 * e-mail and company is new (long texts, which V8 cuts as slices rather than copies).
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { tempDir } from '../helpers/cli.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('a load keeps no chunk of the file alive', () => {
  it('holds far less than the decoded text after reading 60,000 distinct leads', async () => {
    const rows = ['ID;Дата создания;Источник;Название компании;ИНН;Рабочий телефон;Рабочий e-mail;Комментарий'];
    // a long comment nobody keeps: the file is mostly text that must be let go
    const comment = 'Перезвонить после обеда, уточнить реквизиты и адрес доставки. '.repeat(6);
    for (let i = 0; i < 60_000; i++) {
      const n = String(i).padStart(7, '0');
      rows.push(`${100000 + i};0${1 + (i % 9)}.03.2025 10:00;Сайт;ООО «Производственная компания ${n}»;77${n}0;+7 (916) ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)};почта.${n}@компания-${n}.рф;${comment}${i}`);
    }
    const text = rows.join('\n') + '\n';
    const dir = tempDir({ 'leads.csv': text });
    const settings = compileSettings(defaultConfig(), 'UTC', 20_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    const res = await loadInputs([{ path: path.join(dir, 'leads.csv'), display: 'leads.csv', kind: 'leads', source: null }], settings, { keepRaw: false, lenient: false, pipe: null });
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 1e6;
    expect(res.tables.leads.length).toBe(60_000);
    const decoded = (text.length * 2) / 1e6; // two bytes a character: Cyrillic text
    expect(decoded).toBeGreaterThan(50);
    expect(grown).toBeLessThan(decoded / 2);
  });
});
