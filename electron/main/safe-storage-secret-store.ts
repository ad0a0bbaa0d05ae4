import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { safeStorage } from 'electron';
import type { SecretStore } from '../core/ports.js';

/** Thrown instead of ever writing a secret that the OS would keep in plain text. */
export class SecretStorageUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `CTI Launcher cannot store passwords safely on this computer: ${reason}. ` +
        'Secrets would be kept in plain text, so they are not stored at all. ' +
        'Unlock or install the system keyring (on Linux: GNOME Keyring or KWallet), or ask IT.',
    );
    this.name = 'SecretStorageUnavailableError';
  }
}

const PLAIN_TEXT_BACKENDS = new Set(['basic_text', 'unknown']);

/** Why safeStorage cannot protect secrets here, or undefined when it can. Call after ready. */
export function secretStorageProblem(platform: NodeJS.Platform): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return 'the operating system offers no encryption to Electron safeStorage';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (PLAIN_TEXT_BACKENDS.has(backend)) return `no system keyring is available (safeStorage backend "${backend}")`;
  }
  return undefined;
}

type SecretFile = { version: 1; secrets: Record<string, string> };

/**
 * Secrets encrypted by the OS (DPAPI, Keychain, libsecret/KWallet) through Electron safeStorage,
 * stored base64 in a JSON file readable only by its owner.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly backend: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.backend = `safeStorage:${platform === 'win32' ? 'dpapi' : platform === 'darwin' ? 'keychain' : 'keyring'}`;
  }

  private ensureSafe(): void {
    const problem = secretStorageProblem(this.platform);
    if (problem) throw new SecretStorageUnavailableError(problem);
  }

  private async read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    const data = JSON.parse(text) as Partial<SecretFile>;
    return data.version === 1 && data.secrets && typeof data.secrets === 'object' ? data.secrets : {};
  }

  private async write(secrets: Record<string, string>): Promise<void> {
    const tmp = `${this.file}.tmp`;
    const body: SecretFile = { version: 1, secrets };
    await writeFile(tmp, JSON.stringify(body), { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.file);
  }

  /** Read-modify-write steps run one at a time, so concurrent sets lose nothing. */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async get(key: string): Promise<string | undefined> {
    this.ensureSafe();
    const stored = (await this.serial(() => this.read()))[key];
    return stored === undefined ? undefined : safeStorage.decryptString(Buffer.from(stored, 'base64'));
  }

  async set(key: string, value: string): Promise<void> {
    this.ensureSafe();
    const sealed = safeStorage.encryptString(value).toString('base64');
    await this.serial(async () => this.write({ ...(await this.read()), [key]: sealed }));
  }

  /** Deleting needs no encryption, so it works even where storing is refused. */
  async delete(key: string): Promise<void> {
    await this.serial(async () => {
      const { [key]: gone, ...rest } = await this.read();
      if (gone !== undefined) await this.write(rest);
    });
  }
}
