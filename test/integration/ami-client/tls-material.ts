import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let cached: { key: string; cert: string } | undefined;

/** A throwaway self-signed certificate for 127.0.0.1, made with openssl (npm test installs it). */
export function tlsMaterial(): { key: string; cert: string } {
  if (cached !== undefined) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'ami-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    cached = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch (err) {
    throw new Error(`openssl could not make a test certificate (install it: apt-get install openssl): ${(err as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return cached;
}
