import { seededRandom } from '../seeded-random.js';

/**
 * Deterministic sample customers for the embedded demo CRM: Russian, Ukrainian and other
 * names and numbers, companies, managers and 3–30 orders each. Same seed, same data.
 */
export interface SampleManager { id: number; name: string }
export interface SampleCompany { id: number; name: string; city: string }
export interface SampleOrder {
  id: string; number: string; date: string; status: OrderStatus; amount: number; currency: string;
}
export interface SampleInvoice {
  id: string; number: string; date: string; dueDate: string; amount: number; currency: string; paid: boolean;
}
export interface SampleInteraction {
  id: string; at: string; channel: 'call' | 'email' | 'chat' | 'visit' | 'note'; direction?: 'inbound' | 'outbound';
  summary: string; operator: string; durationSeconds?: number; recordingUrl?: string;
}
export interface SampleCustomer {
  id: number; name: string; companyId?: number; managerId: number; city: string; segment: string;
  phones: string[]; orders: SampleOrder[];
  invoices: SampleInvoice[]; interactions: SampleInteraction[]; tags: string[]; notes?: string; timeZone: string;
}
export type OrderStatus = 'new' | 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'returned';

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const digits = (rnd: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');

interface Locale {
  share: number;
  first: readonly string[];
  last: readonly string[];
  cities: readonly string[];
  companies: readonly string[];
  currency: string;
  timeZone: string;
  phone: (rnd: () => number) => string;
}

const LOCALES: Record<'ru' | 'ua' | 'intl', Locale> = {
  ru: {
    share: 0.55,
    first: ['Александр', 'Мария', 'Дмитрий', 'Елена', 'Сергей', 'Ольга', 'Андрей', 'Наталья', 'Иван', 'Татьяна', 'Михаил', 'Анна', 'Константин', 'Екатерина'],
    last: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Константинопольский', 'Васильев'],
    cities: ['Москва', 'Санкт-Петербург', 'Новосибирск', 'Екатеринбург', 'Казань', 'Нижний Новгород'],
    companies: ['ООО «Северный ветер»', 'АО «Техностройкомплект»', 'ИП Ковалёв', 'ООО «Вектор»', 'ЗАО «Балтика-Логистик»'],
    currency: 'RUB',
    timeZone: 'Europe/Moscow',
    phone: (rnd) =>
      rnd() < 0.7
        ? `+79${pick(rnd, ['16', '03', '26', '85', '99'])}${digits(rnd, 7)}`
        : `+7${pick(rnd, ['495', '812', '383', '343'])}${pick(rnd, ['2', '3', '4', '5', '6'])}${digits(rnd, 6)}`,
  },
  ua: {
    share: 0.3,
    first: ['Олександр', 'Оксана', 'Тарас', 'Ірина', 'Богдан', 'Світлана', 'Володимир', 'Наталія', 'Андрій', 'Ганна'],
    last: ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Мельник', 'Поліщук'],
    cities: ['Київ', 'Львів', 'Одеса', 'Харків', 'Дніпро'],
    companies: ['ТОВ «Зелена долина»', 'ПП «Карпати-Трейд»', 'ТОВ «Дніпросервіс»', 'ФОП Гнатюк'],
    currency: 'UAH',
    timeZone: 'Europe/Kyiv',
    phone: (rnd) =>
      rnd() < 0.75
        ? `+380${pick(rnd, ['67', '50', '63', '97', '93'])}${pick(rnd, ['2', '3', '4', '5', '7'])}${digits(rnd, 6)}`
        : `+380${pick(rnd, ['44', '32', '48'])}${pick(rnd, ['2', '3'])}${digits(rnd, 6)}`,
  },
  intl: {
    share: 0.15,
    first: ['Anna', 'Lukas', 'Emma', 'John', 'Dana', 'Piotr', 'Sofia', 'Daniel'],
    last: ['Schneider', 'Müller', 'Smith', 'Nowak', 'Nurlanov', 'Rossi', 'Kowalski'],
    cities: ['Berlin', 'Warsaw', 'Almaty', 'London', 'Vilnius'],
    companies: ['Nordlicht GmbH', 'Vistula Trade Sp. z o.o.', 'Steppe Logistics LLP', 'Bright Harbour Ltd'],
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    phone: (rnd) =>
      pick(rnd, [
        () => `+4930${pick(rnd, ['2', '3', '4', '5'])}${digits(rnd, 7)}`,
        () => `+4822${pick(rnd, ['5', '6', '8'])}${digits(rnd, 6)}`,
        () => `+7701${digits(rnd, 7)}`,
        () => `+44207${pick(rnd, ['1', '2', '3', '4'])}${digits(rnd, 6)}`,
      ])(),
  },
};

const MANAGERS = ['Ирина Громова', 'Павел Орлов', 'Оксана Литвин', 'Sarah Klein', 'Тимур Абдуллаев', 'Юлія Савчук'];
const SEGMENTS = ['VIP', 'B2B', 'Retail', 'Retail', 'Retail', 'New'];
const OPERATORS = ['101 Anna', '102 Pavel', '103 Oksana', '104 Timur'];
const TAGS = ['wholesale', 'loyal', 'late payer', 'newsletter', 'key account', 'reseller'];
const SUMMARIES = [
  'Asked about delivery dates',
  'Changed the delivery address',
  'Invoice question',
  'Complaint about a damaged parcel',
  'Wants a discount on a repeat order',
  'Confirmed the order by phone',
];
const NOTES = ['Prefers calls after 14:00', 'Speaks Russian and Ukrainian', 'Call the office number first', 'Sends payments at month end'];

const STATUSES: readonly OrderStatus[] = ['delivered', 'delivered', 'delivered', 'shipped', 'processing', 'new', 'cancelled', 'returned'];

/** Surnames are listed in their masculine form; Slavic ones agree with a feminine first name. */
function surnameFor(first: string, last: string): string {
  if (!/[аяa]$/i.test(first)) return last;
  if (/(ов|ев|ин|ov|ev|in)$/.test(last)) return `${last}${/[a-z]$/.test(last) ? 'a' : 'а'}`;
  if (/ский$/.test(last)) return last.replace(/ский$/, 'ская');
  if (/ski$/.test(last)) return last.replace(/ski$/, 'ska');
  return last;
}

export interface SampleData {
  managers: SampleManager[];
  companies: SampleCompany[];
  customers: SampleCustomer[];
}

export function generateSampleData(options: { seed: number; customers: number; now: Date }): SampleData {
  const rnd = seededRandom(options.seed);
  const managers = MANAGERS.map((name, i) => ({ id: i + 1, name }));
  const companies: SampleCompany[] = [];
  const customers: SampleCustomer[] = [];
  const usedPhones = new Set<string>();
  let orderSeq = 100000;
  const dayMs = 86_400_000;

  for (let id = 1; id <= options.customers; id++) {
    const r = rnd();
    const locale = r < LOCALES.ru.share ? LOCALES.ru : r < LOCALES.ru.share + LOCALES.ua.share ? LOCALES.ua : LOCALES.intl;
    const first = pick(rnd, locale.first);
    const name = `${first} ${surnameFor(first, pick(rnd, locale.last))}`;
    const city = pick(rnd, locale.cities);
    let companyId: number | undefined;
    if (rnd() < 0.45) {
      companyId = companies.length + 1;
      companies.push({ id: companyId, name: pick(rnd, locale.companies), city });
    }
    const phones: string[] = [];
    const phoneCount = rnd() < 0.2 ? 2 : 1;
    while (phones.length < phoneCount) {
      const p = locale.phone(rnd);
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        phones.push(p);
      }
    }
    const orderCount = 3 + Math.floor(rnd() * 28);
    const orders: SampleOrder[] = [];
    for (let o = 0; o < orderCount; o++) {
      const ageDays = Math.floor(rnd() * 720);
      const recent = ageDays < 14;
      const status: OrderStatus = recent ? pick(rnd, ['new', 'processing', 'shipped'] as const) : pick(rnd, STATUSES.slice(0, 3).concat(STATUSES.slice(6)));
      orderSeq += 1;
      orders.push({
        id: `o${orderSeq}`,
        number: `${locale.currency === 'UAH' ? 'UA' : locale.currency === 'RUB' ? 'RU' : 'EU'}-${orderSeq}`,
        date: new Date(options.now.getTime() - ageDays * dayMs).toISOString().slice(0, 10),
        status,
        amount: Math.round((locale.currency === 'EUR' ? 20 + rnd() * 900 : locale.currency === 'UAH' ? 300 + rnd() * 40000 : 800 + rnd() * 120000) * 100) / 100,
        currency: locale.currency,
      });
    }
    orders.sort((a, b) => b.date.localeCompare(a.date));
    customers.push({
      id,
      name,
      companyId,
      managerId: pick(rnd, managers).id,
      city,
      segment: pick(rnd, SEGMENTS),
      phones,
      orders,
      invoices: [],
      interactions: [],
      tags: [],
      timeZone: locale.timeZone,
    });
  }
  addHistory(customers, options);
  return { managers, companies, customers };
}

/**
 * Invoices, recent contacts (calls with recordings on a clearly fake host), tags and notes,
 * from a second random stream so that the customers, phones and orders above stay the same
 * for a seed.
 */
function addHistory(customers: SampleCustomer[], options: { seed: number; now: Date }): void {
  const rnd = seededRandom(options.seed + 1);
  const dayMs = 86_400_000;
  let invoiceSeq = 500000;
  let interactionSeq = 900000;
  for (const c of customers) {
    for (const order of c.orders.slice(0, 1 + Math.floor(rnd() * 4))) {
      invoiceSeq += 1;
      const date = new Date(`${order.date}T00:00:00Z`);
      c.invoices.push({
        id: `i${invoiceSeq}`,
        number: `INV-${invoiceSeq}`,
        date: order.date,
        dueDate: new Date(date.getTime() + 14 * dayMs).toISOString().slice(0, 10),
        amount: order.amount,
        currency: order.currency,
        paid: rnd() < 0.7,
      });
    }
    const contacts = Math.floor(rnd() * 6);
    for (let i = 0; i < contacts; i++) {
      interactionSeq += 1;
      const channel = pick(rnd, ['call', 'call', 'call', 'email', 'chat', 'visit'] as const);
      const call = channel === 'call';
      const durationSeconds = call ? 20 + Math.floor(rnd() * 600) : undefined;
      c.interactions.push({
        id: `h${interactionSeq}`,
        at: new Date(options.now.getTime() - Math.floor(rnd() * 90 * dayMs)).toISOString(),
        channel,
        direction: rnd() < 0.7 ? 'inbound' : 'outbound',
        summary: pick(rnd, SUMMARIES),
        operator: pick(rnd, OPERATORS),
        ...(durationSeconds === undefined ? {} : { durationSeconds }),
        ...(call && rnd() < 0.8 ? { recordingUrl: `https://recordings.example.invalid/${interactionSeq}.mp3` } : {}),
      });
    }
    c.interactions.sort((a, b) => b.at.localeCompare(a.at));
    if (rnd() < 0.5) c.tags = [pick(rnd, TAGS), ...(rnd() < 0.3 ? [pick(rnd, TAGS)] : [])].filter((t, i, all) => all.indexOf(t) === i);
    if (rnd() < 0.35) c.notes = pick(rnd, NOTES);
  }
}
