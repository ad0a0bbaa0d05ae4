import type { HistoryItem } from './journal-records.js';

/*
 * RFC 4180 CSV, written here because only a CSV parser is among the dependencies and the
 * writer is a few lines: every field quoted when it holds a quote, comma, CR or LF; quotes
 * doubled; CRLF line ends; a UTF-8 BOM so Excel reads Cyrillic names correctly.
 */

const HEADER = ['id', 'seq', 'started_at', 'ended_at', 'call_id', 'section', 'action', 'topic', 'operator', 'customer_ref', 'source', 'details', 'sync'];

function field(value: string): string {
  // A spreadsheet runs a cell that starts with = + - @ as a formula; a leading quote keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

export function csvRow(values: readonly string[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

export function historyCsvHeader(): string {
  return `\uFEFF${csvRow(HEADER)}`;
}

export function historyCsvRow(item: HistoryItem): string {
  return csvRow([
    item.id,
    String(item.seq),
    iso(item.startedAt),
    iso(item.endedAt),
    item.callId ?? '',
    item.section,
    item.action,
    item.topic ?? '',
    item.operator,
    item.customerRef ?? '',
    item.source,
    JSON.stringify(item.details),
    Object.entries(item.sync).map(([sink, state]) => `${sink}:${state}`).join(' '),
  ]);
}
