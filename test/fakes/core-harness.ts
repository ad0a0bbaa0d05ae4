import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/app.js';
import { openEmbeddedCrm } from '../../electron/core/boot.js';
import { configSchema, type AppConfigInput } from '../../electron/core/config/schema.js';
import type { EmbeddedCrm } from '../../electron/core/crm/embedded-crm.js';
import { silentLogger } from '../../electron/core/log.js';
import type { CrmAdapter, PbxAdapter } from '../../electron/core/ports.js';
import { createInMemoryTransport } from '../../shared/contract/rpc.js';
import { createBridgeApi, type CtiApi } from '../../shared/contract/bridge.js';
import { FakeClock } from './fake-clock.js';

export interface Harness {
  core: Core;
  api: CtiApi;
  clock: FakeClock;
  crm: EmbeddedCrm;
  windows: { shown: number; hidden: number };
  notes: Array<{ title: string; body: string }>;
  trayStates: Array<{ status: string; tooltip: string }>;
  stop(): Promise<void>;
}

/** The real CRM with some methods replaced (the rest still reach the real one). */
export function wrapCrm(real: CrmAdapter, overrides: Partial<CrmAdapter>): CrmAdapter {
  return Object.assign(Object.create(real) as CrmAdapter, overrides);
}

/** A real core with the real embedded sample CRM, a fake clock, and recording window/tray ports. */
export async function startHarness(options: {
  pbx: (clock: FakeClock, crm: EmbeddedCrm) => PbxAdapter;
  config?: AppConfigInput;
  crm?: (real: EmbeddedCrm) => CrmAdapter;
}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'cti-core-'));
  const clock = new FakeClock();
  const crm = openEmbeddedCrm(join(dir, 'crm.sqlite'), { seed: 11 }, silentLogger);
  const windows = { shown: 0, hidden: 0 };
  const notes: Harness['notes'] = [];
  const trayStates: Harness['trayStates'] = [];
  const core = createCore(
    {
      pbx: options.pbx(clock, crm),
      crm: options.crm ? options.crm(crm) : crm,
      windows: { showCard: () => void windows.shown++, hideCard: () => void windows.hidden++ },
      tray: { update: (s) => void trayStates.push(s) },
      notifier: { notify: (n) => void notes.push(n) },
      secrets: { backend: 'memory', get: async () => undefined, set: async () => {}, delete: async () => {} },
      clock,
      paths: { userData: dir, logs: dir, resources: dir },
      log: silentLogger,
    },
    configSchema.parse(options.config ?? {}),
    { version: '0.0.0-test', demo: true },
  );
  const api = createBridgeApi(createInMemoryTransport(core.server, core.events));
  await core.start();
  return { core, api, clock, crm, windows, notes, trayStates, stop: () => core.stop() };
}
