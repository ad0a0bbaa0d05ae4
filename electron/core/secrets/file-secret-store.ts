import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../ports.js';

/**
 * Secrets for the browser host, which has no OS keychain: a JSON file readable only by its
 * owner (mode 0600). The Electron app uses safeStorage instead; the host says so at start.
 */
export class FileSecretStore implements SecretStore {
  readonly backend = 'file-0600';

  constructor(private readonly file: string) {}

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      throw new Error(`The secrets file ${this.file} cannot be read (${(err as Error).message}); delete it and type the passwords again on the settings page.`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
    return Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  private write(data: Record<string, string>): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }

  async get(key: string): Promise<string | undefined> {
    return this.read()[key];
  }

  async set(key: string, value: string): Promise<void> {
    this.write({ ...this.read(), [key]: value });
  }

  async delete(key: string): Promise<void> {
    const { [key]: _gone, ...rest } = this.read();
    this.write(rest);
  }
}
