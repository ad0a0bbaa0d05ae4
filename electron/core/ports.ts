import type { AgentEvent, CallEvent, LinkState } from '../../shared/domain/call-events.js';
import type { ContactDraft, CustomerCard, CustomerMatch, Interaction, Order } from '../../shared/contract/schemas.js';
import type { ActivityRecord } from '../../shared/domain/activity.js';

export type SpyMode = 'listen' | 'whisper' | 'barge';

/** What a PBX connection can do; the UI offers only these. AMI, for one, has no hold action. */
export interface PbxCapabilities {
  originate: boolean;
  pause: boolean;
  hold: boolean;
  hangup: boolean;
  blindTransfer: boolean;
  attendedTransfer: boolean;
  spy: boolean;
  /** Emits `device-state` agent events for colleagues' lamps. */
  deviceState: boolean;
}

/** The core's view of a phone system. One implementation per PBX family, plus the demo. */
export interface PbxAdapter {
  readonly kind: string;
  readonly capabilities: PbxCapabilities;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  onCallEvent(listener: (event: CallEvent) => void): () => void;
  onAgentEvent(listener: (event: AgentEvent) => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
  /** Click-to-call: ring the operator's phone, then dial `number`. */
  originate(number: string): Promise<{ callId: string }>;
  /** Pause or unpause in every queue this agent serves, or only in `queue`. */
  setPaused(paused: boolean, reason?: string, queue?: string): Promise<void>;
  /** Hang up this agent's leg of the call. */
  hangup(callId: string): Promise<void>;
  /** Send the other party of the call to `target` (an extension or number) without consulting. */
  blindTransfer(callId: string, target: string): Promise<void>;
  /** Start a consultation transfer to `target`; the agent's phone completes it by hanging up. */
  attendedTransfer(callId: string, target: string): Promise<void>;
  /** Supervisor: ring the supervisor's phone and join `extension`'s call in the given mode. */
  spy(extension: string, mode: SpyMode): Promise<{ callId: string }>;
}

/** What a CRM connection can do. */
export interface CrmCapabilities {
  createContact: boolean;
  logActivity: boolean;
  interactions: boolean;
  invoices: boolean;
  /** `search` by name, company or number. */
  search: boolean;
  /** Largest batch `logActivities` accepts (1: only one at a time). */
  maxActivityBatch: number;
}

/** The core's view of a CRM. Responses are validated by each adapter before they get here. */
export interface CrmAdapter {
  readonly kind: string;
  readonly capabilities: CrmCapabilities;
  /**
   * 0..n customers whose phone matches the E.164 number: exact match first, then (when
   * `lastDigits` is given and nothing matched exactly) numbers ending in the same digits.
   */
  findByPhone(e164: string, options?: { lastDigits?: number }): Promise<CustomerMatch[]>;
  /** Customers whose name, company or phone contains `query` (the main window's search). */
  search(query: string, options: { limit: number }): Promise<CustomerMatch[]>;
  getCard(ref: string): Promise<CustomerCard>;
  listOrders(ref: string, options: { openOnly?: boolean; limit: number; offset?: number }): Promise<Order[]>;
  /** Recent calls, messages and visits, newest first (with recording URLs when known). */
  listInteractions(ref: string, options: { limit: number }): Promise<Interaction[]>;
  /** Idempotent: the same key never creates a second contact. */
  createContact(draft: ContactDraft, idempotencyKey: string): Promise<{ ref: string }>;
  /** Idempotent: the same key never logs twice. Throws CrmError (kind says whether to retry). */
  logActivity(activity: ActivityRecord, idempotencyKey: string): Promise<{ crmId: string }>;
  /** Where the operator opens this customer in the CRM itself, when the CRM has a web UI. */
  recordUrl(ref: string): string | undefined;
  close(): Promise<void>;
}

export type CardSize = 'compact' | 'expanded';

export interface WindowsPort {
  /**
   * Show the card window without taking focus from what the operator is doing. With `ringing`
   * it also floats above other windows until `setCardRinging(false)`.
   */
  showCard(options?: { ringing?: boolean }): void;
  /** Hide the card, unless the operator pinned it. */
  hideCard(): void;
  // A host without a card window of its own (the browser host) leaves these out.
  /** Whether a call is ringing: the card floats above other windows only then (or while pinned). */
  setCardRinging?(ringing: boolean): void;
  /** A pinned card stays on screen after the call and wrap-up: `hideCard` leaves it. */
  setCardPinned?(pinned: boolean): void;
  setCardSize?(size: CardSize): void;
}

export type TrayStatus = 'available' | 'not-ready' | 'on-call' | 'wrap-up' | 'offline' | 'error';

/** What the tray shows. The tray writes its own (translated) tooltip and menu from these facts. */
export interface TrayState {
  status: TrayStatus;
  /** A plain English summary (logs, tests); the Electron tray writes its own translated text. */
  tooltip: string;
  /** not-ready: a configured reason code, `screen-locked`, or the PBX's own words. */
  reason?: string;
  /** Who set the not-ready reason: a pause made on the PBX is shown as the PBX's. */
  reasonBy?: 'operator' | 'lock' | 'pbx';
  /** offline: why. */
  offline?: 'pbx-link' | 'logged-off' | 'asleep' | 'session-ending';
  /** error: what is wrong — the PBX link, or the journal cannot save (disk full, database damaged). */
  error?: 'pbx-link' | 'journal';
  extension?: string;
  links?: { pbx: 'connecting' | 'up' | 'down'; crm: 'up' | 'down' };
  /** Operator actions in the journal not yet synced to the CRM. */
  pendingSync?: number;
  demo?: boolean;
}

export interface TrayPort {
  update(state: TrayState): void;
}

/** What clicking a notification opens. */
export type NotificationTarget = { kind: 'callback-task'; taskId: string };

export interface NotifierPort {
  /** `kind` lets the desktop say the title in the operator's language; `title` is the English. */
  notify(note: { title: string; body: string; target?: NotificationTarget; kind?: NotificationKind }): void;
}

export type NotificationKind = 'missed-call' | 'callback-due' | 'dial-failed';

/** Secrets (PBX and CRM passwords, tokens). Never in config files, never in logs. */
export interface SecretStore {
  readonly backend: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

export interface AppPaths {
  /** Per-user writable data (databases, user config). */
  userData: string;
  logs: string;
  /** Read-only resources shipped with the app. */
  resources: string;
}

export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface CorePorts {
  pbx: PbxAdapter;
  crm: CrmAdapter;
  windows: WindowsPort;
  tray: TrayPort;
  notifier: NotifierPort;
  secrets: SecretStore;
  clock: Clock;
  paths: AppPaths;
  log: Logger;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};
