// Benchmark: ring → card frame published, ring → card filled, in the core alone (no windows),
// against the embedded sample CRM. The same stages as seen on screen: pop-browser.ts.
// Run with `npm run bench -- pop`; writes test-results/bench/pop.json.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/app.js';
import { openEmbeddedCrm } from '../../electron/core/boot.js';
import { configSchema } from '../../electron/core/config/schema.js';
import { silentLogger } from '../../electron/core/log.js';
import { systemClock } from '../../electron/core/ports.js';
import { ScriptedPbx } from '../fakes/scripted-pbx.js';
import { percentile, writeBenchResult } from './bench-result.js';

const RINGS = 500;
const dir = mkdtempSync(join(tmpdir(), 'cti-bench-pop-'));
const crm = openEmbeddedCrm(join(dir, 'crm.sqlite'), { seed: 42 }, silentLogger);
const pbx = new ScriptedPbx();
const noop = () => {};
const core = createCore(
  {
    pbx, crm, clock: systemClock, log: silentLogger,
    windows: { showCard: noop, hideCard: noop }, tray: { update: noop }, notifier: { notify: noop },
    secrets: { backend: 'none', get: async () => undefined, set: async () => {}, delete: async () => {} },
    paths: { userData: dir, logs: dir, resources: dir },
  },
  // No cache: every ring goes to the CRM, as for a first-time caller.
  configSchema.parse({ pop: { cacheTtlSeconds: 0, hideAfterSeconds: 0 } }),
  { version: 'bench', demo: true },
);
await core.start();

const phones = crm.samplePhones(RINGS);
const frame: number[] = [];
const filled: number[] = [];
for (let i = 0; i < RINGS; i++) {
  const callId = `b${i}`;
  const started = performance.now();
  const done = new Promise<void>((resolve) => {
    let framed = false;
    const off = core.events.listen((_e, payload) => {
      const call = (payload as { activeCalls: Array<{ id: string; lookup: { status: string } }> }).activeCalls.find((c) => c.id === callId);
      if (!call) return;
      if (!framed) {
        framed = true;
        frame.push(performance.now() - started);
      }
      if (call.lookup.status !== 'looking') {
        filled.push(performance.now() - started);
        off();
        resolve();
      }
    });
  });
  pbx.emitCall({ type: 'ringing', callId, at: Date.now(), direction: 'inbound', remote: phones[i % phones.length]!, queue: 'support' });
  await done;
  pbx.emitCall({ type: 'ended', callId, at: Date.now(), reason: 'completed' });
}
await core.stop();

writeBenchResult('pop', {
  'pop.core_frame_p95_ms': percentile(frame, 95),
  'pop.core_filled_p95_ms': percentile(filled, 95),
}, { rings: RINGS, customers: 1000 });
