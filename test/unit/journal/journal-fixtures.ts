import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalStore, type JournalStoreOptions } from '../../../electron/core/journal/journal-store.js';
import type { NewAction } from '../../../electron/core/journal/journal-records.js';
import { compileTopicRules, loadTopicRules } from '../../../electron/core/journal/topic-rules.js';

export const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
export const DEFAULT_RULES_PATH = join(process.cwd(), 'resources', 'topic-rules.json');
export const defaultRules = () => compileTopicRules(loadTopicRules(DEFAULT_RULES_PATH));

/** Temp folders and stores of one test file; `cleanup()` in afterEach closes and removes them. */
export function journalFixtures() {
  const dirs: string[] = [];
  const stores: JournalStore[] = [];
  return {
    dir(): string {
      const dir = mkdtempSync(join(tmpdir(), 'cti-journal-'));
      dirs.push(dir);
      return dir;
    },
    path(): string {
      return join(this.dir(), 'journal.sqlite');
    },
    open(options: Partial<JournalStoreOptions> = {}): JournalStore {
      const store = JournalStore.open({ path: options.path ?? this.path(), sinks: ['crm'], topicRules: defaultRules(), now: () => T0, ...options });
      stores.push(store);
      return store;
    },
    cleanup(): void {
      for (const s of stores.splice(0)) s.close();
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

let n = 0;
/** A plausible action; `overrides` win. */
export function action(overrides: Partial<NewAction> = {}): NewAction {
  n++;
  return { startedAt: T0 + n, section: 'card', action: 'shown', details: {}, operator: '101', source: 'auto', ...overrides };
}
