import type { AgentLine } from './agent-line.js';
import { firstKnown } from './ami-values.js';
import { answeredEndReason, unansweredEndReason, type Episode } from './call-episode.js';
import type { ChannelRegistry } from './channel-registry.js';
import type { ChannelSnapshot, PbxSnapshot } from './pbx-snapshot.js';
import type { RingEpisodes } from './ring-episodes.js';

/**
 * Brings this agent's episodes in line with what the PBX reports after a reconnect: calls it
 * no longer has end (completed if answered, else missed), calls it has that we missed are
 * adopted (ringing, answered if talking). Expects `channels` already restored from `snapshot`.
 */
export function resyncCalls(
  snapshot: PbxSnapshot,
  episodes: RingEpisodes,
  channels: ChannelRegistry,
  line: AgentLine,
  at: number,
): void {
  const mineNow = snapshot.channels.filter(
    (c) => line.ownsChannel(c.info.name) || episodes.with(c.info.name, 'mine') !== undefined,
  );
  for (const e of episodes.all()) resyncEpisode(e, mineNow, episodes, channels, at);
  for (const c of mineNow) {
    const linkedid = c.info.linkedid;
    if (linkedid !== undefined && !episodes.has(linkedid) && inACall(c, snapshot)) adopt(c, snapshot, episodes, at);
  }
}

function resyncEpisode(
  e: Episode,
  mineNow: readonly ChannelSnapshot[],
  episodes: RingEpisodes,
  channels: ChannelRegistry,
  at: number,
): void {
  const legs = mineNow.filter((c) => c.info.linkedid === e.callId);
  e.live = new Set(legs.map((c) => c.info.name));
  for (const leg of legs) e.mine.add(leg.info.name);
  if (legs.length === 0) {
    if (e.phase !== 'ringing') return episodes.end(e, answeredEndReason(e), at);
    // Between two ring rounds of a queue call that still waits: keep the card.
    const reason = unansweredEndReason(e, channels.get(e.callerChannel)?.queue !== undefined);
    if (reason !== undefined) episodes.end(e, reason, at);
    return;
  }
  // Hold is not reported by any list action: a held call stays held.
  if (e.phase === 'ringing' && legs.some((c) => talking(c, e.placedHere))) episodes.answer(e, at);
}

function adopt(c: ChannelSnapshot, snapshot: PbxSnapshot, episodes: RingEpisodes, at: number): void {
  const linkedid = c.info.linkedid!;
  const placedHere = c.info.uniqueid === linkedid;
  const sameCall = snapshot.channels.filter((o) => o.info.linkedid === linkedid);
  const queueLeg = sameCall.find((o) => o.info.application?.toLowerCase() === 'queue');
  const root = sameCall.find((o) => o.info.uniqueid === linkedid);
  episodes.ring(
    {
      channel: c.info.name,
      callId: linkedid,
      remote: placedHere
        ? firstKnown(c.info.connectedNum, c.info.exten)
        : firstKnown(c.info.connectedNum, root?.info.callerNum),
      remoteName: c.info.connectedName,
      caller: queueLeg?.info.name ?? root?.info.name,
      queue: queueLeg?.info.applicationData?.split(',')[0]?.trim() || undefined,
      placedHere,
    },
    at - (c.ageMs ?? 0),
  );
  const e = episodes.get(linkedid);
  if (e && talking(c, placedHere)) episodes.answer(e, at);
}

/**
 * The agent's leg takes part in a call, as the live events would have shown it: being rung
 * (by Dial, Queue or Originate), dialling someone, or bridged to another channel. Voicemail,
 * feature codes and the like are not calls.
 */
function inACall(c: ChannelSnapshot, snapshot: PbxSnapshot): boolean {
  const { bridgeId, application, state } = c.info;
  if (bridgeId !== undefined && snapshot.channels.some((o) => o !== c && o.info.bridgeId === bridgeId)) return true;
  return state === 5 || /^(AppDial2?|AppQueue|Dial|Queue)$/i.test(application ?? '');
}

/** The agent's leg is talking: up, and (when the agent placed the call) bridged to someone. */
function talking(c: ChannelSnapshot, placedHere: boolean): boolean {
  return c.info.state === 6 && (!placedHere || c.info.bridgeId !== undefined);
}
