/**
 * Server-side filtering: the AMI `Filter` action (and manager.conf `eventfilter`) takes a regular
 * expression matched against each event's text, which starts with `Event: <Name>`. One desktop
 * then receives only the events the call mapper reads — not RTCP reports, MixMonitor, CDRs or
 * the calls of the other 129 desktops' queues' music on hold. Names match as prefixes, so
 * `Hangup` also passes `HangupRequest` and `QueueMember` every `QueueMember…` event.
 */
export const MAPPED_EVENTS = [
  'Newchannel',
  'Newstate',
  'NewCallerid',
  'NewConnectedLine',
  'DialBegin',
  'DialEnd',
  'BridgeEnter',
  'BridgeLeave',
  'AgentCalled',
  'AgentConnect',
  'AgentComplete',
  'AgentRingNoAnswer',
  'Hold',
  'Unhold',
  'BlindTransfer',
  'AttendedTransfer',
  'Hangup',
  'SoftHangupRequest',
  'QueueCaller',
  'QueueMember',
  'OriginateResponse',
  'ExtensionStatus',
] as const;

export const DEFAULT_EVENT_FILTERS: readonly string[] = [`^Event: (${MAPPED_EVENTS.join('|')})`];
