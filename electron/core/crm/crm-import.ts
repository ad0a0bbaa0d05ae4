import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';
import { describePhone } from '../../../shared/domain/phone.js';
import type { EmbeddedCrm } from './embedded-crm.js';

/**
 * `cti-launcher crm import`: customers, orders and invoices from CSV (header row) or JSON
 * (an array of objects with the same keys) into the embedded CRM. Every row is checked; rows
 * with a problem are reported and left out, the good ones land in one transaction. Customers
 * are keyed by `external_id`, orders and invoices by `id`: importing again updates.
 */
export interface ImportFiles {
  customers?: string;
  orders?: string;
  invoices?: string;
}

export interface Rejection {
  file: string;
  /** The line in a CSV file (the header is line 1), or the 1-based index in a JSON array. */
  line: number;
  field?: string;
  why: string;
}

export interface ImportReport {
  customers: { added: number; updated: number };
  orders: number;
  invoices: number;
  rejected: Rejection[];
}

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));
const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-22');
const amount = z.preprocess((v) => (typeof v === 'string' ? Number(v.replace(',', '.').replace(/\s/g, '')) : v), z.number().finite('a number like 1250.50'));
const currency = z.string().trim().regex(/^[A-Z]{3}$/, 'a three-letter currency code like RUB');
const list = z.preprocess((v) => (typeof v === 'string' ? v.split(/[;,]/).map((s) => s.trim()).filter(Boolean) : v), z.array(z.string().max(64)).default([]));
const yes = z.preprocess((v) => (typeof v === 'string' ? ['true', '1', 'yes', 'да', 'так'].includes(v.trim().toLowerCase()) : v), z.boolean());

const customerRow = z.object({
  external_id: text(100).min(1, 'required: the id of this customer in your system'),
  name: text(200).min(1, 'required'),
  company: optionalText(200),
  manager: optionalText(120),
  city: optionalText(120),
  segment: optionalText(60),
  email: optionalText(200).pipe(z.string().email('not an e-mail address').optional()),
  notes: optionalText(10_000),
  tags: list,
  time_zone: optionalText(64),
  phones: list.pipe(z.array(z.string()).min(1, 'required: at least one phone number (separate several with ;)')),
});

const orderRow = z.object({
  id: text(100).min(1, 'required'),
  customer_external_id: text(100).min(1, 'required'),
  number: text(64).min(1, 'required'),
  date: isoDate,
  status: z.enum(['new', 'processing', 'shipped', 'delivered', 'cancelled', 'returned']),
  amount,
  currency,
});

const invoiceRow = z.object({
  id: text(100).min(1, 'required'),
  customer_external_id: text(100).min(1, 'required'),
  number: text(64).min(1, 'required'),
  date: isoDate,
  due_date: isoDate.optional().or(z.literal('').transform(() => undefined)),
  amount,
  currency,
  paid: yes.default(false),
});

type Row = { line: number; data: Record<string, unknown> };

function readRows(file: string): Row[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new ImportFileError(`${file} cannot be read: ${(err as Error).message}`);
  }
  if (extname(file).toLowerCase() === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (err) {
      throw new ImportFileError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(data)) throw new ImportFileError(`${file} must hold a JSON array of objects`);
    return data.map((d, i) => ({ line: i + 1, data: typeof d === 'object' && d !== null ? (d as Record<string, unknown>) : {} }));
  }
  // Spreadsheets set to Russian or Ukrainian save CSV with ";" between columns.
  const header = content.slice(0, content.indexOf('\n') >>> 0);
  const delimiter = header.includes(';') && !header.includes(',') ? ';' : ',';
  try {
    const records = parse(content, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, info: true, delimiter }) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    return records.map((r) => ({ line: r.info.lines, data: r.record }));
  } catch (err) {
    throw new ImportFileError(`${file} is not a CSV file this tool can read: ${(err as Error).message}`);
  }
}

function check<T>(schema: z.ZodType<T>, row: Row, file: string, rejected: Rejection[]): T | undefined {
  const parsed = schema.safeParse(row.data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || undefined;
    rejected.push({ file, line: row.line, ...(field ? { field } : {}), why: issue.message });
  }
  return undefined;
}

export function importFiles(crm: EmbeddedCrm, files: ImportFiles, options: { region: CountryCode }): ImportReport {
  const report: ImportReport = { customers: { added: 0, updated: 0 }, orders: 0, invoices: 0, rejected: [] };
  const customers = files.customers ? readRows(files.customers) : [];
  const orders = files.orders ? readRows(files.orders) : [];
  const invoices = files.invoices ? readRows(files.invoices) : [];

  crm.transaction(() => {
    const imported = new Map<string, number>();
    for (const row of customers) {
      const c = check(customerRow, row, files.customers!, report.rejected);
      if (!c) continue;
      const phones: string[] = [];
      for (const raw of c.phones) {
        const phone = describePhone(raw, { defaultRegion: options.region, maxInternalDigits: 0 });
        if (phone.kind === 'external' && phone.e164) phones.push(phone.e164);
        else report.rejected.push({ file: files.customers!, line: row.line, field: 'phones', why: `"${raw}" is not a phone number (with --region ${options.region})` });
      }
      if (phones.length !== c.phones.length) continue;
      const { id, created } = crm.upsertCustomer({
        externalId: c.external_id,
        name: c.name,
        company: c.company,
        manager: c.manager,
        city: c.city,
        segment: c.segment,
        email: c.email,
        notes: c.notes,
        tags: c.tags,
        timeZone: c.time_zone,
        phones,
      });
      imported.set(c.external_id, id);
      if (created) report.customers.added++;
      else report.customers.updated++;
    }
    const customerId = (externalId: string, row: Row, file: string): number | undefined => {
      const id = imported.get(externalId) ?? crm.customerIdByExternalId(externalId);
      if (id === undefined) report.rejected.push({ file, line: row.line, field: 'customer_external_id', why: `no customer "${externalId}" (import the customers first)` });
      return id;
    };
    for (const row of orders) {
      const o = check(orderRow, row, files.orders!, report.rejected);
      const id = o && customerId(o.customer_external_id, row, files.orders!);
      if (!o || id === undefined) continue;
      crm.upsertOrder(id, { id: o.id, number: o.number, date: o.date, status: o.status, amount: o.amount, currency: o.currency });
      report.orders++;
    }
    for (const row of invoices) {
      const i = check(invoiceRow, row, files.invoices!, report.rejected);
      const id = i && customerId(i.customer_external_id, row, files.invoices!);
      if (!i || id === undefined) continue;
      crm.upsertInvoice(id, { id: i.id, number: i.number, date: i.date, dueDate: i.due_date, amount: i.amount, currency: i.currency, paid: i.paid });
      report.invoices++;
    }
  });
  return report;
}

/** Rows left out (a row may have several problems). */
export const rejectedRows = (report: ImportReport): number => new Set(report.rejected.map((r) => `${r.file}:${r.line}`)).size;

export function formatReport(report: ImportReport): string {
  const lines = [
    `customers: ${report.customers.added} added, ${report.customers.updated} updated`,
    `orders: ${report.orders} imported`,
    `invoices: ${report.invoices} imported`,
    `rejected: ${rejectedRows(report)} rows`,
  ];
  for (const r of report.rejected) lines.push(`  ${r.file}:${r.line}${r.field ? ` ${r.field}` : ''}: ${r.why}`);
  return lines.join('\n');
}
