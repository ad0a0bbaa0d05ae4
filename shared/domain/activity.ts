/**
 * One operator action as the journal stores it and the CRM receives it: the fields call
 * centres keep in a communication log. Ids are UUIDv7 (time-ordered); `seq` is the local
 * order, never the wall clock.
 */
export type ActivitySection = 'call' | 'card' | 'order' | 'invoice' | 'contact' | 'note' | 'status' | 'callback' | 'dial' | 'transfer';

export interface ActivityRecord {
  id: string;
  seq: number;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt?: number;
  /** The call (PBX Linkedid) the action belongs to, if any. */
  callId?: string;
  section: ActivitySection;
  /** What happened, e.g. `rang`, `answered`, `ended`, `shown`, `viewed`, `created`, `saved`, `changed`. */
  action: string;
  /** The call's main topic, derived by rules or set by the operator. */
  topic?: string;
  /** Free text and structured details (JSON-serialisable). */
  details: Record<string, unknown>;
  /** The operator's extension (and name when configured). */
  operator: string;
  /** The customer the action concerns, as the CRM knows them. */
  customerRef?: string;
  source: 'auto' | 'manual';
}
