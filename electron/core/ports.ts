import type { AgentEvent, CallEvent, LinkState } from '../../shared/domain/call-events.js';
import type { CustomerCard, CustomerMatch, Order } from '../../shared/contract/schemas.js';

/** The core's view of a phone system. One implementation per PBX family, plus the demo. */
export interface PbxAdapter {
  readonly kind: string;
  readonly capabilities: { originate: boolean; pause: boolean; hold: boolean };
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  onCallEvent(listener: (event: CallEvent) => void): () => void;
  onAgentEvent(listener: (event: AgentEvent) => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
  /** Click-to-call: ring the operator's phone, then dial `number`. */
  originate(number: string): Promise<{ callId: string }>;
  setPaused(paused: boolean, reason?: string): Promise<void>;
}

/** The core's view of a CRM. Responses are validated by each adapter before they get here. */
export interface CrmAdapter {
  readonly kind: string;
  /** 0..n customers whose phone matches the E.164 number. */
  findByPhone(e164: string): Promise<CustomerMatch[]>;
  getCard(ref: string): Promise<CustomerCard>;
  listOrders(ref: string, options: { openOnly?: boolean; limit: number }): Promise<Order[]>;
  close(): Promise<void>;
}

export interface WindowsPort {
  /** Show the card window without taking focus from what the operator is doing. */
  showCard(): void;
  hideCard(): void;
}

export interface TrayState {
  status: 'available' | 'not-ready' | 'on-call' | 'offline' | 'error';
  tooltip: string;
}

export interface TrayPort {
  update(state: TrayState): void;
}

export interface NotifierPort {
  notify(note: { title: string; body: string }): void;
}

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
