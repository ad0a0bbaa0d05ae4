import type { TFunction } from 'i18next';
import type { AgentView, CallView, PhoneInfo } from '../../../shared/contract/schemas.js';

/** Localized words for the contract's enums. */

export const directionLabel = (t: TFunction, direction: CallView['direction']): string => t(`direction.${direction}`);

export const phaseLabel = (t: TFunction, phase: CallView['phase']): string => t(`phase.${phase}`);

export const endReasonLabel = (t: TFunction, reason: NonNullable<CallView['endReason']>): string => t(`endReason.${reason}`);

/** Not-ready reasons the UI offers; the core may also report its own (lock screen, PBX pause). */
export const NOT_READY_REASONS = ['break', 'lunch', 'training'] as const;
const KNOWN_REASONS: ReadonlySet<string> = new Set([...NOT_READY_REASONS, 'screen locked', 'paused on PBX']);

export const reasonLabel = (t: TFunction, reason: string): string =>
  KNOWN_REASONS.has(reason) ? t(`agent.reasons.${reason}`) : reason;

export function agentStatusLabel(t: TFunction, agent: Pick<AgentView, 'status' | 'reason'>): string {
  if (agent.status === 'not-ready' && agent.reason) {
    return t('agent.notReadyWithReason', { reason: reasonLabel(t, agent.reason) });
  }
  return t(`agent.status.${agent.status}`);
}

/** The remote number as shown to people; withheld numbers say so. */
export const remoteLabel = (t: TFunction, remote: PhoneInfo): string =>
  remote.kind === 'anonymous' || !remote.display ? t('card.anonymous') : remote.display;
