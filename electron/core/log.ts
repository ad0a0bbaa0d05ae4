import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from './ports.js';

/** Keys whose values never reach a log line, wherever they appear (two levels deep). */
export const REDACTED_KEYS = ['password', 'secret', 'token', 'authorization', 'apiKey', 'accessToken', 'refreshToken'];

export function createLogger(options: { level: string; dir?: string; console?: boolean }): Logger & pino.Logger {
  const redact = { paths: REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), censor: '[redacted]' };
  const streams: pino.StreamEntry[] = [];
  if (options.dir) {
    mkdirSync(options.dir, { recursive: true });
    streams.push({ stream: pino.destination({ dest: join(options.dir, 'cti-launcher.log'), mkdir: true, sync: true }) });
  }
  if (options.console) streams.push({ stream: process.stderr });
  return pino({ level: options.level, redact, base: undefined }, pino.multistream(streams));
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
