import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../electron/core/secrets/file-secret-store.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cti-secrets-'));
  file = join(dir, 'secrets.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = () => statSync(file).mode & 0o777;

describe('the browser host secret file', () => {
  it('keeps secrets in a file only its owner can read, and says so', async () => {
    const store = new FileSecretStore(file);
    expect(store.backend).toBe('file-0600');
    expect(await store.get('pbx.asterisk')).toBeUndefined();
    await store.set('pbx.asterisk', 's3cret');
    await store.set('crm.bitrix24', 'https://example.bitrix24.ru/rest/1/abc/');
    expect(mode()).toBe(0o600);
    expect(await new FileSecretStore(file).get('pbx.asterisk')).toBe('s3cret');
    await store.delete('pbx.asterisk');
    expect(await store.get('pbx.asterisk')).toBeUndefined();
    expect(await store.get('crm.bitrix24')).toBe('https://example.bitrix24.ru/rest/1/abc/');
  });

  it('tightens a file someone left readable by others at the next write', async () => {
    writeFileSync(file, JSON.stringify({ old: 'value' }), { mode: 0o644 });
    const store = new FileSecretStore(file);
    await store.set('pbx.asterisk', 'new');
    expect(mode()).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ old: 'value', 'pbx.asterisk': 'new' });
  });

  it('names a damaged file and what to do, and never overwrites it with a guess', async () => {
    writeFileSync(file, '{"pbx.asterisk": "s3cr', { mode: 0o600 });
    const store = new FileSecretStore(file);
    await expect(store.get('pbx.asterisk')).rejects.toThrow(/secrets file .*secrets\.json cannot be read .*delete it and type the passwords again/);
    await expect(store.set('crm', 'x')).rejects.toThrow(/cannot be read/);
    expect(readFileSync(file, 'utf8')).toBe('{"pbx.asterisk": "s3cr');
  });

  it('ignores values that are not text', async () => {
    writeFileSync(file, JSON.stringify({ a: 1, b: 'two', c: null }), { mode: 0o600 });
    expect(await new FileSecretStore(file).get('a')).toBeUndefined();
    expect(await new FileSecretStore(file).get('b')).toBe('two');
  });
});
