/** The time zone of a run without `timezone:` in the config: TZ, else the machine's. */
import { describe, it, expect } from 'vitest';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { systemTimeZone } from '../../src/app/context.js';
import { tempDir } from '../helpers/cli.js';

describe('systemTimeZone', () => {
  it('takes a valid TZ as it is written', () => {
    expect(systemTimeZone({ TZ: 'Europe/Moscow' })).toBe('Europe/Moscow');
    expect(systemTimeZone({ TZ: 'Etc/UTC' })).toBe('Etc/UTC');
  });

  it('reads a UTC /etc/localtime as UTC, and leaves any other zone to Intl', () => {
    const dir = tempDir();
    const utc = path.join(dir, 'utc');
    symlinkSync('/usr/share/zoneinfo/Etc/UTC', utc);
    expect(systemTimeZone({}, utc)).toBe('UTC');
    const moscow = path.join(dir, 'moscow');
    symlinkSync('../usr/share/zoneinfo/Europe/Moscow', moscow);
    const intl = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(systemTimeZone({}, moscow)).toBe(intl);
    expect(systemTimeZone({}, path.join(dir, 'none'))).toBe(intl);
    // a TZ Intl does not know: the machine's zone, as before
    expect(systemTimeZone({ TZ: 'Nowhere/Atlantis' }, utc)).toBe(intl);
  });
});
