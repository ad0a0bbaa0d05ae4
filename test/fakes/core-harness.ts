import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/app.js';
import { openEmbeddedCrm } from '../../electron/core/boot.js';
import { configSchema, type AppConfigInput } from '../../electron/core/config/schema.js';
import type { EmbeddedCrm } from '../../electron/core/crm/embedded-crm.js';
import { silentLogger } from '../../electron/core/log.js';
import type { CrmAdapter, NotifierPort, PbxAdapter, TrayState } from '../../electron/core/ports.js';
import { createInMemoryTransport } from '../../shared/contract/rpc.js';
import type { ActionJournal } from '../../electron/core/journal/action-journal.js';
import { openActionJournal } from '../../electron/core/journal/open-action-journal.js';
import { CallerRegions } from '../../electron/core/pop/caller-region.js';
import { createBridgeApi, type CtiApi } from '../../shared/contract/bridge.js';
import { FakeClock } from './fake-clock.js';

export interface Harness {
  core: Core;
  api: CtiApi;
  clock: FakeClock;
  crm: EmbeddedCrm;
  windows: { shown: number; hidden: number; ringing: boolean[]; pinned: boolean[]; sizes: string[] };
  notes: Array<Parameters<NotifierPort['notify']>[0]>;
  trayStates: TrayState[];
  journal: ActionJournal | undefined;
  /** The folder holding the CRM and journal files. */
  dir: string;
  stop(): Promise<void>;
}

const RESOURCES = join(import.meta.dirname, '..', '..', 'resources');

/** The real CRM with some methods replaced (the rest still reach the real one). */
export function wrapCrm(real: CrmAdapter, overrides: Partial<CrmAdapter>): CrmAdapter {
  return Object.assign(Object.create(real) as CrmAdapter, overrides);
}

/** A real core with the real embedded sample CRM, a fake clock, and recording window/tray ports. */
export async function startHarness(options: {
  pbx: (clock: FakeClock, crm: EmbeddedCrm) => PbxAdapter;
  config?: AppConfigInput;
  crm?: (real: EmbeddedCrm) => CrmAdapter;
  /** Open the action journal (in this thread) in the harness folder. */
  journal?: boolean;
  /** Reuse a folder (a restart: same CRM and journal files). */
  dir?: string;
  clock?: FakeClock;
}): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cti-core-'));
  const clock = options.clock ?? new FakeClock();
  const crm = openEmbeddedCrm(join(dir, 'crm.sqlite'), { seed: 11 }, silentLogger);
  const config = configSchema.parse(options.config ?? {});
  const secrets = { backend: 'memory', get: async () => undefined, set: async () => {}, delete: async () => {} };
  const usedCrm = options.crm ? options.crm(crm) : crm;
  const journal = options.journal
    ? await openActionJournal({ config, path: join(dir, 'journal.sqlite'), resources: RESOURCES, crm: usedCrm, secrets, clock, log: silentLogger })
    : undefined;
  const windows: Harness['windows'] = { shown: 0, hidden: 0, ringing: [], pinned: [], sizes: [] };
  const notes: Harness['notes'] = [];
  const trayStates: Harness['trayStates'] = [];
  const core = createCore(
    {
      pbx: options.pbx(clock, crm),
      crm: usedCrm,
      windows: {
        showCard: () => void windows.shown++,
        hideCard: () => void windows.hidden++,
        setCardRinging: (r) => void windows.ringing.push(r),
        setCardPinned: (p) => void windows.pinned.push(p),
        setCardSize: (s) => void windows.sizes.push(s),
      },
      tray: { update: (s) => void trayStates.push(s) },
      notifier: { notify: (n) => void notes.push(n) },
      secrets,
      clock,
      paths: { userData: dir, logs: dir, resources: dir },
      log: silentLogger,
    },
    config,
    { version: '0.0.0-test', demo: true, journal, regions: new CallerRegions(silentLogger) },
  );
  const api = createBridgeApi(createInMemoryTransport(core.server, core.events));
  await core.start();
  return { core, api, clock, crm, windows, notes, trayStates, journal, dir, stop: () => core.stop() };
}
