import type { TFunction } from 'i18next';
import type { HistoryEntry } from '../../../shared/contract/schemas.js';
import { formatDuration } from '../common/format.js';

/** "Call answered", "Order viewed"… in the window's language (the raw words for an action it does not know). */
export const actionLabel = (t: TFunction, section: string, action: string): string =>
  t(`history.actions.${section}.${action}`, { defaultValue: `${section} ${action}` });

const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** One line of what the record's details say, for the table (the CSV export has them all). */
export function detailSummary(t: TFunction, item: Pick<HistoryEntry, 'section' | 'action' | 'details'>): string {
  const d = item.details;
  const parts: Array<string | undefined> = [];
  switch (item.section) {
    case 'call':
      parts.push(text(d.number));
      if (item.action === 'ended') {
        parts.push(text(d.reason) && t(`endReason.${String(d.reason)}`, { defaultValue: String(d.reason) }));
        if (typeof d.talkSeconds === 'number' && d.talkSeconds > 0) parts.push(formatDuration(d.talkSeconds));
      }
      break;
    case 'status':
      parts.push(`${t(`agent.status.${String(d.from)}`, { defaultValue: String(d.from) })} → ${t(`agent.status.${String(d.to)}`, { defaultValue: String(d.to) })}`);
      parts.push(text(d.reason));
      break;
    case 'order':
    case 'invoice':
      parts.push(text(d.number), text(d.status));
      break;
    case 'note':
      parts.push(text(d.text));
      break;
    case 'dial':
      parts.push(text(d.number), typeof d.reason === 'string' ? t(`dialFailure.reasons.${d.reason}`, { defaultValue: d.reason }) : undefined);
      break;
    case 'transfer':
      parts.push(text(d.kind), text(d.target) ?? text(d.from));
      break;
    case 'contact':
    case 'card':
      parts.push(text(d.name));
      break;
    case 'callback': {
      const task = d.task as { display?: unknown; customerName?: unknown; note?: unknown } | undefined;
      parts.push(text(task?.customerName) ?? text(task?.display), text(task?.note));
      break;
    }
  }
  return parts.filter((p): p is string => Boolean(p)).join(' · ');
}
