import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeReady, resetElectronFake, safeStorage } from '../fakes/electron.js';
import {
  SafeStorageSecretStore,
  SecretStorageUnavailableError,
  secretStorageProblem,
} from '../../electron/main/safe-storage-secret-store.js';
import { tempDir } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

let dir: ReturnType<typeof tempDir>;
let file: string;

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
  dir = tempDir('secrets');
  file = join(dir.path, 'secrets.json');
});
afterEach(() => dir.remove());

describe('safeStorage secret store', () => {
  it('round-trips secrets, encrypted, in a file only its owner can read', async () => {
    const store = new SafeStorageSecretStore(file, 'linux');
    await store.set('pbx.password', 'S3cr3t-AMI!');
    await store.set('crm.token', 'tok-äöü-42');
    expect(await store.get('pbx.password')).toBe('S3cr3t-AMI!');
    expect(await store.get('crm.token')).toBe('tok-äöü-42');
    expect(await store.get('missing')).toBeUndefined();

    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('S3cr3t');
    expect(text).not.toContain('tok-');
    expect(JSON.parse(text)).toMatchObject({ version: 1, secrets: { 'pbx.password': expect.any(String) } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    // Another instance (next start) reads what this one wrote.
    expect(await new SafeStorageSecretStore(file, 'linux').get('crm.token')).toBe('tok-äöü-42');
    await store.delete('pbx.password');
    expect(await store.get('pbx.password')).toBeUndefined();
    expect(await store.get('crm.token')).toBe('tok-äöü-42');
  });

  it('loses nothing when secrets are set at the same time', async () => {
    const store = new SafeStorageSecretStore(file, 'win32');
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
  });

  it.each(['basic_text', 'unknown'] as const)('refuses the Linux "%s" backend: secrets would be plain text', async (backend) => {
    safeStorage.backend = backend;
    const store = new SafeStorageSecretStore(file, 'linux');
    const refused = store.set('pbx.password', 'S3cr3t');
    await expect(refused).rejects.toBeInstanceOf(SecretStorageUnavailableError);
    await expect(refused).rejects.toThrow(/plain text/);
    await expect(refused).rejects.toThrow(new RegExp(backend));
    await expect(store.get('pbx.password')).rejects.toThrow(/plain text/);
    expect(existsSync(file)).toBe(false);
    expect(secretStorageProblem('linux')).toContain(backend);
  });

  it('refuses when the OS offers no encryption at all', async () => {
    safeStorage.available = false;
    const store = new SafeStorageSecretStore(file, 'win32');
    await expect(store.set('k', 'v')).rejects.toThrow(/cannot store passwords safely.*plain text/s);
    expect(existsSync(file)).toBe(false);
  });

  it('trusts DPAPI and the Keychain without asking for a Linux backend', async () => {
    safeStorage.backend = 'basic_text'; // only meaningful on Linux
    expect(secretStorageProblem('win32')).toBeUndefined();
    expect(secretStorageProblem('darwin')).toBeUndefined();
    const store = new SafeStorageSecretStore(file, 'win32');
    expect(store.backend).toBe('safeStorage:dpapi');
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
  });

  it('can still delete a secret where storing is refused', async () => {
    await new SafeStorageSecretStore(file, 'linux').set('old', 'value');
    safeStorage.backend = 'basic_text';
    const store = new SafeStorageSecretStore(file, 'linux');
    await store.delete('old');
    expect(JSON.parse(readFileSync(file, 'utf8')).secrets).toEqual({});
  });
});
