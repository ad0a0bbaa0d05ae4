import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../ports.js';

/** A journal action's call in Bitrix24: its CALL_ID, kept to finish that call on a retry. */
export const sentCallSchema = z.object({ callId: z.string(), registeredAt: z.number(), finished: z.boolean() });
/** A journal action's timeline comment: sending started (and, once answered, its ID). */
export const sentCommentSchema = z.object({ sentAt: z.number(), commentId: z.string().optional() });

/** Keys kept: a journal retry comes within hours, not weeks. */
const MAX_ENTRIES = 5000;

/**
 * What Bitrix24 has already been sent for a journal action (by its idempotency key), kept in a
 * small JSON file (written whole, then renamed) so a retry after a restart finishes or finds
 * what it started instead of making a second one. In memory only without a file.
 */
export class SentRecords<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly file: string | undefined,
    schema: z.ZodType<T>,
    private readonly log: Logger,
  ) {
    if (!file) return;
    try {
      for (const [key, entry] of Object.entries(z.record(z.string(), schema).parse(JSON.parse(readFileSync(file, 'utf8'))))) this.entries.set(key, entry as T);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn({ file, err: (err as Error).message }, 'Bitrix24 sent records unreadable; starting a new list');
    }
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: T): void {
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
      this.log.warn({ file: this.file, err: (err as Error).message }, 'Bitrix24 sent records not saved');
    }
  }
}
