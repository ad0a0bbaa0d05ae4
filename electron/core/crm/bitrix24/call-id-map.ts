import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../ports.js';

const entrySchema = z.object({ callId: z.string(), registeredAt: z.number(), finished: z.boolean() });
const fileSchema = z.record(z.string(), entrySchema);
export type CallIdEntry = z.infer<typeof entrySchema>;

/** Keys kept: a journal retry comes within hours, not weeks. */
const MAX_ENTRIES = 5000;

/**
 * Which Bitrix24 CALL_ID a journal action registered, kept in a small JSON file (written
 * whole, then renamed) so a retry after a restart finishes that call instead of registering
 * a second one.
 */
export class CallIdMap {
  private readonly entries = new Map<string, CallIdEntry>();

  constructor(
    private readonly file: string | undefined,
    private readonly log: Logger,
  ) {
    if (!file) return;
    try {
      for (const [key, entry] of Object.entries(fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))))) this.entries.set(key, entry);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn({ file, err: (err as Error).message }, 'Bitrix24 call ids unreadable; starting a new list');
    }
  }

  get(key: string): CallIdEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CallIdEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.tmp`;
      writeFileSync(temp, JSON.stringify(Object.fromEntries(this.entries)));
      renameSync(temp, this.file);
    } catch (err) {
      this.log.warn({ file: this.file, err: (err as Error).message }, 'Bitrix24 call ids not saved');
    }
  }
}
