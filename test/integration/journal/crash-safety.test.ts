import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalStore } from '../../../electron/core/journal/journal-store.js';
import { seededRandom } from '../../../electron/core/seeded-random.js';
import { ActivityCrmServer } from '../../fakes/activity-crm-server.js';
import { DEFAULT_RULES_PATH, journalFixtures } from '../../unit/journal/journal-fixtures.js';
import { bundleForNode } from './bundle-for-node.js';
import type { CrashPhase } from './crash-driver.js';

const TOTAL = 10_000;
const fx = journalFixtures();
let driver: string;
let server: ActivityCrmServer;

beforeAll(async () => {
  driver = await bundleForNode('test/integration/journal/crash-driver.ts', fx.dir(), 'crash-driver');
  server = await ActivityCrmServer.start();
}, 60_000);

const live = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of live) child.kill('SIGKILL');
  await server?.close();
  fx.cleanup();
});

type Plan = { phase: CrashPhase; n: number } | { phase: 'anywhere'; afterMs: number } | { phase: 'none' };

/** Runs the driver once; SIGKILLs it where the plan says. Resolves with what happened. */
function run(journalPath: string, plan: Plan): Promise<{ killedAt: string | undefined; output: string; code: number | null }> {
  const child = spawn(process.execPath, [driver], {
    env: {
      ...process.env,
      JOURNAL_PATH: journalPath,
      CRM_URL: server.url,
      TOTAL: String(TOTAL),
      TOPIC_RULES: DEFAULT_RULES_PATH,
      PAUSE: plan.phase === 'anywhere' || plan.phase === 'none' ? '' : `${plan.phase}:${plan.n}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  let killedAt: string | undefined;
  const kill = (where: string) => {
    if (killedAt || child.exitCode !== null) return;
    killedAt = where;
    child.kill('SIGKILL');
  };
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    const paused = /PAUSED (\S+)/.exec(output);
    if (paused) kill(paused[1]!);
    if (plan.phase === 'anywhere' && output.includes('STARTED')) setTimeout(() => kill('anywhere'), plan.afterMs);
  });
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      live.delete(child);
      resolve({ killedAt, output, code });
    }),
  );
}

describe('crash safety', () => {
  it('delivers 10,000 actions exactly once through 25 SIGKILLs at every phase of recording and syncing', async () => {
    const path = join(fx.dir(), 'journal.sqlite');
    const random = seededRandom(77);
    const phases: Plan['phase'][] = ['record-txn', 'before-send', 'after-2xx', 'settle-txn', 'anywhere'];
    const kills: Record<string, number> = {};
    for (let i = 0; i < 25; i++) {
      const phase = phases[i % phases.length]!;
      const plan: Plan =
        phase === 'anywhere' ? { phase, afterMs: 20 + Math.floor(random() * 300) }
        : phase === 'record-txn' ? { phase, n: 1 + Math.floor(random() * 400) }
        : phase === 'none' ? { phase }
        : { phase, n: 1 + Math.floor(random() * 6) };
      const result = await run(path, plan);
      expect(result.output, `run ${i} (${phase})`).not.toMatch(/Error|DONE/);
      expect(result.killedAt, `run ${i} (${phase}) was not killed: ${result.output}`).toBe(phase);
      kills[phase] = (kills[phase] ?? 0) + 1;
    }
    expect(kills).toEqual({ 'record-txn': 5, 'before-send': 5, 'after-2xx': 5, 'settle-txn': 5, anywhere: 5 });

    const last = await run(path, { phase: 'none' });
    expect(last.output).toContain('DONE');
    expect(last.code).toBe(0);

    // The CRM holds each action exactly once, and resends (after the 2xx was lost) repeated the first payload.
    expect(server.activities.size).toBe(TOTAL);
    const indexes = new Set([...server.activities.values()].map((a) => (a.activity.details as { i: number }).i));
    expect(indexes.size).toBe(TOTAL);
    expect(Math.min(...indexes)).toBe(0);
    expect(Math.max(...indexes)).toBe(TOTAL - 1);
    expect(server.duplicates).toBeGreaterThanOrEqual(5);
    expect(server.conflicts).toBe(0);

    // The journal reports all synced, maps each action to the CRM's id, and is intact.
    const store = JournalStore.open({ path, sinks: ['crm'] });
    try {
      expect(store.integrityCheck()).toEqual(['ok']);
      expect(store.sinkStatus('crm')).toMatchObject({ pending: 0, dead: 0 });
      const items = store.history({ limit: 1000 }).items;
      let total = 0;
      for (let offset = 0; ; offset += 1000) {
        const page = offset === 0 ? items : store.history({ limit: 1000, offset }).items;
        if (page.length === 0) break;
        total += page.length;
        for (const item of page) {
          expect(item.sync.crm).toBe('sent');
          expect(item.remoteIds.crm).toBe(server.activities.get(item.id)?.crmId);
        }
      }
      expect(total).toBe(TOTAL);
    } finally {
      store.close();
    }
  }, 120_000);
});
