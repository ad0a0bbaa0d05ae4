import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../ports.js';

const fileSchema = z.object({ version: z.literal(1), choices: z.record(z.string(), z.string()) });
const MAX_CHOICES = 5000;

/**
 * When several customers share a number, the operator picks one on the card; that pick is
 * remembered per number (in a small JSON file, written atomically) so the next call pops it.
 */
export class MatchChoices {
  private readonly choices = new Map<string, string>();

  constructor(
    private readonly file: string | undefined,
    private readonly log: Logger,
  ) {
    if (!file) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // none yet
    }
    const parsed = fileSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      log.warn({ file }, 'remembered customer choices are unreadable; starting without them');
      return;
    }
    for (const [number, ref] of Object.entries(parsed.data.choices)) this.choices.set(number, ref);
  }

  get(e164: string): string | undefined {
    return this.choices.get(e164);
  }

  remember(e164: string, ref: string): void {
    this.choices.delete(e164); // re-insert: the newest choices are kept when trimming
    this.choices.set(e164, ref);
    while (this.choices.size > MAX_CHOICES) this.choices.delete(this.choices.keys().next().value!);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ version: 1, choices: Object.fromEntries(this.choices) }));
      renameSync(tmp, this.file);
    } catch (err) {
      this.log.warn({ file: this.file, err: (err as Error).message }, 'cannot save the remembered customer choice');
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
