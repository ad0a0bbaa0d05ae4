import { DEFAULT_PRESENCE_REASONS } from '../../../electron/core/presence/presence-config.js';
import {
  initialPresence,
  presenceView,
  reducePresence,
  type PresenceEffect,
  type PresenceInput,
  type PresencePolicyConfig,
  type PresenceState,
  type PresenceStep,
  type PresenceTransition,
  type PresenceView,
} from '../../../electron/core/presence/presence-policy.js';

export const T0 = 1_700_000_000_000;

/** Feeds inputs to the policy the way the core will, keeping the clock, effects and journal. */
export class PresenceDriver {
  state: PresenceState = initialPresence;
  now = T0;
  /** Everything emitted since the last `take()`. */
  effects: PresenceEffect[] = [];
  journal: PresenceTransition[] = [];

  constructor(readonly config: PresencePolicyConfig = { reasons: DEFAULT_PRESENCE_REASONS, wrapUpSeconds: 30 }) {}

  send(input: PresenceInput): PresenceStep {
    const step = reducePresence(this.state, input, { at: this.now, config: this.config });
    this.state = step.state;
    this.effects.push(...step.effects);
    if (step.transition) this.journal.push(step.transition);
    return step;
  }

  /** Connected and idle, with nothing emitted yet. */
  static online(config?: PresencePolicyConfig): PresenceDriver {
    const driver = new PresenceDriver(config);
    driver.send({ type: 'pbx-link', up: true });
    driver.take();
    driver.journal.length = 0;
    return driver;
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  /** What the wrap-up timer would do: fire at its deadline. */
  fireWrapUpTimer(): PresenceStep {
    const deadline = this.state.wrapUpUntil;
    if (deadline === undefined) throw new Error('no wrap-up timer is armed');
    this.now = deadline;
    return this.send({ type: 'wrap-up-elapsed', deadline });
  }

  /** The effects emitted since the last call, cleared. */
  take(): PresenceEffect[] {
    return this.effects.splice(0);
  }

  pbxEffects(): PresenceEffect[] {
    return this.take().filter((e) => e.type === 'pbx-pause');
  }

  get view(): PresenceView {
    return presenceView(this.state);
  }

  /** Status and reason only. */
  get shown(): { status: string; reason?: string } {
    const { status, reason } = this.view;
    return reason === undefined ? { status } : { status, reason };
  }
}

export const pause = (reason?: string): PresenceEffect => (reason === undefined ? { type: 'pbx-pause', paused: true } : { type: 'pbx-pause', paused: true, reason });
export const unpause: PresenceEffect = { type: 'pbx-pause', paused: false };
export const notReady = (reason: string): PresenceInput => ({ type: 'set-status', choice: { status: 'not-ready', reason } });
export const available: PresenceInput = { type: 'set-status', choice: { status: 'available' } };
export const callStarts: PresenceInput = { type: 'calls-changed', connected: 1 };
export const callEnds: PresenceInput = { type: 'calls-changed', connected: 0 };
