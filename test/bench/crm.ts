// Benchmark: the embedded CRM with 1,000,000 contacts — lookup by number (exact, and the
// last-10-digits fallback), and name/phone search. Run with `npm run bench -- crm`;
// writes test-results/bench/crm.json.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EmbeddedCrm } from '../../electron/core/crm/embedded-crm.js';
import { seededRandom } from '../../electron/core/seeded-random.js';
import { percentile, writeBenchResult } from './bench-result.js';

const CONTACTS = 1_000_000;
const LOOKUPS = 20_000;
const SEARCHES = 2_000;
const FIRST = ['Александр', 'Мария', 'Дмитрий', 'Елена', 'Олександр', 'Оксана', 'Тарас', 'Anna', 'Lukas', 'Sofia'];
const LAST = ['Иванов', 'Смирнов', 'Кузнецов', 'Шевченко', 'Коваленко', 'Бондаренко', 'Schneider', 'Nowak', 'Rossi', 'Мельник'];

const rnd = seededRandom(1_000_000);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const phoneOf = (i: number) => `+79${String(100_000_000 + i * 7).padStart(9, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'cti-bench-crm-'));
const path = join(dir, 'crm.sqlite');
const crm = EmbeddedCrm.open(path);
let t = performance.now();
crm.transaction(() => {
  for (let i = 0; i < CONTACTS; i++) {
    crm.upsertCustomer({ externalId: `c${i}`, name: `${pick(FIRST)} ${pick(LAST)} ${i}`, phones: [phoneOf(i)] });
  }
});
const buildSeconds = (performance.now() - t) / 1000;
const sizeMb = statSync(path).size / 1e6;

async function timed(runs: number, make: (i: number) => () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = make(i);
    t = performance.now();
    await run();
    out.push(performance.now() - t);
  }
  return out;
}

// Half hits, half misses; the misses take the last-digits path too (nothing matches exactly).
const exact = await timed(LOOKUPS, (i) => {
  const n = i % 2 === 0 ? phoneOf(Math.floor(rnd() * CONTACTS)) : `+79${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
  return () => crm.findByPhone(n, { lastDigits: 10 });
});
// A known subscriber number under another country code: found only by its last 10 digits.
const suffix = await timed(LOOKUPS, () => {
  const n = phoneOf(Math.floor(rnd() * CONTACTS)).replace('+7', '+8');
  return () => crm.findByPhone(n, { lastDigits: 10 });
});
const search = await timed(SEARCHES, (i) => {
  const q = i % 2 === 0 ? `${pick(LAST).slice(0, 5)} ${pick(FIRST).slice(0, 3)}` : phoneOf(Math.floor(rnd() * CONTACTS)).slice(-7);
  return () => crm.search(q, { limit: 20 });
});
await crm.close();
rmSync(dir, { recursive: true, force: true });

writeBenchResult('crm', {
  'crm.lookup_1m_p50_ms': percentile(exact, 50),
  'crm.lookup_1m_p99_ms': percentile(exact, 99),
  'crm.lookup_last_digits_1m_p99_ms': percentile(suffix, 99),
  'crm.search_1m_p50_ms': percentile(search, 50),
  'crm.search_1m_p99_ms': percentile(search, 99),
  'crm.build_1m_s': Math.round(buildSeconds * 10) / 10,
  'crm.size_1m_mb': Math.round(sizeMb),
});
