import type { CallEndReason } from '../../../shared/domain/call-events.js';
import { seededRandom } from '../seeded-random.js';
import type { Clock, Logger, PbxAdapter, PbxCapabilities, SpyMode, TimerHandle } from '../ports.js';
import { PbxEventSource } from './pbx-event-source.js';

export interface DemoPbxOptions {
  clock: Clock;
  log: Logger;
  callIntervalMs: number;
  firstCallMs: number;
  seed: number;
  /** Numbers of customers the sample CRM knows, so that most demo calls pop a filled card. */
  knownNumbers: readonly string[];
}

type Scenario = { outcome: 'answered' | CallEndReason; ringMs: number; talkMs: number };

/**
 * The embedded demo PBX: rings the operator with realistic inbound calls every few seconds
 * (known customers, unknown numbers, withheld numbers; answered, abandoned, missed, taken by
 * a colleague), answers click-to-call and pause requests, and emits exactly the events the
 * Asterisk adapter produces. It does not ring while the operator is paused or on a call.
 */
export class DemoPbx extends PbxEventSource implements PbxAdapter {
  readonly kind = 'demo';
  readonly capabilities: PbxCapabilities = {
    originate: true,
    pause: true,
    hold: false,
    hangup: true,
    blindTransfer: true,
    attendedTransfer: true,
    spy: true,
    deviceState: false,
  };

  private readonly timers = new Set<TimerHandle>();
  /** Calls in progress and the timers that would otherwise end them on their own. */
  private readonly live = new Map<string, Set<TimerHandle>>();
  private readonly rnd: () => number;
  private connected = false;
  private paused = false;
  private activeCalls = 0;
  private callCounter = 0;

  constructor(private readonly options: DemoPbxOptions) {
    super();
    this.rnd = seededRandom(options.seed);
  }

  async connect(): Promise<void> {
    this.connected = true;
    this.emitLink('up');
    this.schedule(this.options.firstCallMs, () => this.ringNext());
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    for (const t of this.timers) t.cancel();
    this.timers.clear();
    this.live.clear();
    this.activeCalls = 0;
    this.emitLink('down');
  }

  async originate(number: string): Promise<{ callId: string }> {
    if (!this.connected) throw new Error('the demo PBX is not connected');
    const callId = this.nextCallId();
    this.activeCalls++;
    this.live.set(callId, new Set());
    this.emitCall({ type: 'ringing', callId, at: this.now(), direction: 'outbound', remote: number });
    this.schedule(1500, () => this.emitCall({ type: 'answered', callId, at: this.now(), remote: number }), callId);
    this.schedule(1500 + 8000 + Math.floor(this.rnd() * 8000), () => this.end(callId, 'completed'), callId);
    return { callId };
  }

  async hangup(callId: string): Promise<void> {
    this.requireLive(callId);
    this.end(callId, 'completed');
  }

  async blindTransfer(callId: string, target: string): Promise<void> {
    this.requireLive(callId);
    this.emitCall({ type: 'transferred', callId, at: this.now(), kind: 'blind', target });
    this.end(callId, 'transferred-away');
  }

  async attendedTransfer(callId: string, target: string): Promise<void> {
    this.requireLive(callId);
    // The colleague answers the consultation after a moment; then the call is theirs.
    this.schedule(
      3000,
      () => {
        this.emitCall({ type: 'transferred', callId, at: this.now(), kind: 'attended', target });
        this.end(callId, 'transferred-away');
      },
      callId,
    );
  }

  async spy(extension: string, mode: SpyMode): Promise<{ callId: string }> {
    if (!this.connected) throw new Error('the demo PBX is not connected');
    this.options.log.info({ extension, mode }, 'demo spy');
    return { callId: this.nextCallId() };
  }

  async setPaused(paused: boolean, reason?: string): Promise<void> {
    if (this.paused === paused) return;
    this.paused = paused;
    this.emitAgent(paused ? { type: 'paused', queue: 'support', reason, at: this.now() } : { type: 'unpaused', queue: 'support', at: this.now() });
  }

  private ringNext(): void {
    if (!this.connected) return;
    this.schedule(this.options.callIntervalMs, () => this.ringNext());
    if (this.paused || this.activeCalls > 0) return; // a real queue skips busy or paused members
    const callId = this.nextCallId();
    const scenario = this.pickScenario();
    const remote = this.pickCaller();
    this.activeCalls++;
    this.live.set(callId, new Set());
    this.options.log.debug({ callId, remote, outcome: scenario.outcome }, 'demo call');
    this.emitCall({ type: 'ringing', callId, at: this.now(), direction: 'inbound', remote, queue: 'support', did: '74950000000' });
    if (scenario.outcome === 'answered') {
      this.schedule(scenario.ringMs, () => this.emitCall({ type: 'answered', callId, at: this.now() }), callId);
      this.schedule(scenario.ringMs + scenario.talkMs, () => this.end(callId, 'completed'), callId);
    } else {
      this.schedule(scenario.ringMs, () => this.end(callId, scenario.outcome as CallEndReason), callId);
    }
  }

  private pickScenario(): Scenario {
    const r = this.rnd();
    const ringMs = 2500 + Math.floor(this.rnd() * 3000);
    const talkMs = 8000 + Math.floor(this.rnd() * 12000);
    if (r < 0.6) return { outcome: 'answered', ringMs, talkMs };
    if (r < 0.75) return { outcome: 'abandoned', ringMs, talkMs };
    if (r < 0.9) return { outcome: 'answered-elsewhere', ringMs, talkMs };
    return { outcome: 'missed', ringMs: 15000, talkMs };
  }

  private pickCaller(): string {
    const r = this.rnd();
    const known = this.options.knownNumbers;
    if (r < 0.75 && known.length > 0) {
      const e164 = known[Math.floor(this.rnd() * known.length)]!;
      // Carriers deliver numbers in several shapes; the app must normalise all of them.
      return this.rnd() < 0.5 ? e164.slice(1) : e164;
    }
    if (r < 0.95) return `+7999${String(Math.floor(this.rnd() * 1e7)).padStart(7, '0')}`;
    return 'anonymous';
  }

  private requireLive(callId: string): void {
    if (!this.live.has(callId)) throw new Error(`call ${callId} is not in progress`);
  }

  private end(callId: string, reason: CallEndReason): void {
    const timers = this.live.get(callId);
    if (!timers) return;
    for (const t of timers) {
      t.cancel();
      this.timers.delete(t);
    }
    this.live.delete(callId);
    this.activeCalls = Math.max(0, this.activeCalls - 1);
    this.emitCall({ type: 'ended', callId, at: this.now(), reason });
  }

  private nextCallId(): string {
    this.callCounter++;
    return `demo-${Math.floor(this.now() / 1000)}.${this.callCounter}`;
  }

  private schedule(ms: number, fn: () => void, callId?: string): void {
    const handle = this.options.clock.setTimeout(() => {
      this.timers.delete(handle);
      if (callId) this.live.get(callId)?.delete(handle);
      if (this.connected) fn();
    }, ms);
    this.timers.add(handle);
    if (callId) this.live.get(callId)?.add(handle);
  }

  private now(): number {
    return this.options.clock.now();
  }

}
