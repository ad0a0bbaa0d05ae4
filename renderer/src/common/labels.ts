import type { TFunction } from 'i18next';
import type { AgentView, AppSnapshot, CallView, LocalizedText, PhoneInfo } from '../../../shared/contract/schemas.js';

/** Localized words for the contract's enums. */

export const directionLabel = (t: TFunction, direction: CallView['direction']): string => t(`direction.${direction}`);

/** An outgoing call that rings is one being placed: "Calling…", not "Ringing". */
export const phaseLabel = (t: TFunction, call: Pick<CallView, 'phase' | 'direction'>): string =>
  t(call.phase === 'ringing' && call.direction === 'outbound' ? 'phase.dialing' : `phase.${call.phase}`);

export const endReasonLabel = (t: TFunction, reason: NonNullable<CallView['endReason']>): string => t(`endReason.${reason}`);

/** A configured text in the window's language (English when it has none). */
export const localized = (text: LocalizedText, language: string): string =>
  (language.startsWith('ru') ? text.ru : language.startsWith('uk') ? text.uk : undefined) ?? text.en;

type Reasons = AppSnapshot['reasons'];

/** A not-ready reason as the operator reads it: the configured label, "Screen locked", or the PBX's own words. */
export function reasonLabel(t: TFunction, reason: string, reasons: Reasons, language: string): string {
  if (reason === 'screen-locked') return t('agent.reasons.screenLocked');
  const configured = reasons.find((r) => r.code === reason);
  return configured ? localized(configured.label, language) : reason;
}

export function agentStatusLabel(t: TFunction, agent: Pick<AgentView, 'status' | 'reason' | 'reasonBy' | 'offline'>, reasons: Reasons, language: string): string {
  if (agent.status === 'not-ready') {
    if (!agent.reason) return t(agent.reasonBy === 'pbx' ? 'agent.pausedOnPbx' : 'agent.status.not-ready');
    const reason = reasonLabel(t, agent.reason, reasons, language);
    return t(agent.reasonBy === 'pbx' ? 'agent.pausedOnPbxWithReason' : 'agent.notReadyWithReason', { reason });
  }
  if (agent.status === 'offline' && agent.offline && agent.offline !== 'pbx-link') return t(`agent.offline.${agent.offline}`);
  return t(`agent.status.${agent.status}`);
}

/** The remote number as shown to people; withheld numbers say so. */
export const remoteLabel = (t: TFunction, remote: PhoneInfo): string =>
  remote.kind === 'anonymous' || !remote.display ? t('card.anonymous') : remote.display;
