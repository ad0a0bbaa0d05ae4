import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import { snapshot } from '../fakes/snapshots.js';
import type { Logger } from '../../electron/core/ports.js';
import type { AgentView, AppSnapshot } from '../../shared/contract/schemas.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object | string;
  msg?: string;
}

/** A Logger that keeps every line, so tests can see what was refused and why. */
export function recordingLogger(): Logger & { lines: LogLine[]; warnings(): string[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object | string, msg?: string) => void lines.push({ level, obj, msg });
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    warnings: () => lines.filter((l) => l.level === 'warn').map((l) => l.msg ?? String(l.obj)),
  };
}

/** A valid snapshot (the contract's event schema accepts it) with the given agent. */
export function sampleSnapshot(agent: Partial<AgentView> = {}, extra: Partial<AppSnapshot> = {}): AppSnapshot {
  return snapshot({ agent: { extension: '101', status: 'available', screenLocked: false, ...agent }, ui: { language: 'en', theme: 'light' }, ...extra });
}

/** A fresh temporary folder and its cleanup. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `cti-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The fake's webContents where main's code expects Electron's (it only uses what the fake has). */
export const asWebContents = (fake: { id: number; getURL(): string }): WebContents => fake as unknown as WebContents;
