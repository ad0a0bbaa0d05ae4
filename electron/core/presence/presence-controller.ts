import type { Clock, Logger, PbxAdapter, TimerHandle } from '../ports.js';
import type { PresenceConfig } from './presence-config.js';
import {
  initialPresence,
  presenceView,
  reducePresence,
  type PresenceInput,
  type PresenceState,
  type PresenceTransition,
  type PresenceView,
} from './presence-policy.js';

export interface PresenceControllerOptions {
  pbx: Pick<PbxAdapter, 'setPaused'>;
  clock: Clock;
  log: Logger;
  config: PresenceConfig;
  onChange: () => void;
  /** Every change of status or reason (the journal records it). */
  onTransition: (transition: PresenceTransition) => void;
}

/**
 * Owns the operator's availability: feeds inputs through the pure policy and carries out
 * what it asks for — pausing on the PBX and the one wrap-up timer.
 */
export class PresenceController {
  private state: PresenceState = initialPresence;
  private wrapUpTimer: TimerHandle | undefined;
  private stopped = false;
  /** The last pause request in flight: shutdown waits for it. */
  private lastPause: Promise<void> = Promise.resolve();

  constructor(private readonly o: PresenceControllerOptions) {}

  view(): PresenceView {
    return presenceView(this.state);
  }

  /** Applies one input; returns why it was refused, if it was. */
  input(input: PresenceInput): string | undefined {
    if (this.stopped) return 'the app is stopping';
    const step = reducePresence(this.state, input, { at: this.o.clock.now(), config: this.o.config });
    if (step.rejected) return step.rejected;
    const changed = step.state !== this.state;
    this.state = step.state;
    for (const effect of step.effects) {
      if (effect.type === 'pbx-pause') this.pause(effect.paused, effect.reason);
      else this.armWrapUp(effect.deadline);
    }
    if (step.transition) this.o.onTransition(step.transition);
    if (changed) this.o.onChange();
    return undefined;
  }

  /** Resolves once the PBX answered the last pause request (or refused it). */
  settled(): Promise<void> {
    return this.lastPause;
  }

  stop(): void {
    this.stopped = true;
    this.wrapUpTimer?.cancel();
    this.wrapUpTimer = undefined;
  }

  private pause(paused: boolean, reason: string | undefined): void {
    this.lastPause = this.o.pbx.setPaused(paused, reason).catch((err: unknown) => {
      this.o.log.warn({ err: (err as Error)?.message ?? String(err), paused, reason }, 'the PBX did not accept the pause change');
      this.input({ type: 'pbx-pause-failed', paused, ...(reason === undefined ? {} : { reason }) });
    });
  }

  private armWrapUp(deadline: number | null): void {
    this.wrapUpTimer?.cancel();
    this.wrapUpTimer = undefined;
    if (deadline === null) return;
    this.wrapUpTimer = this.o.clock.setTimeout(
      () => {
        this.wrapUpTimer = undefined;
        this.input({ type: 'wrap-up-elapsed', deadline });
      },
      Math.max(0, deadline - this.o.clock.now()),
    );
  }
}
