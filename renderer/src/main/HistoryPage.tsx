import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot, HistoryEntry, HistoryFilter } from '../../../shared/contract/schemas.js';
import { formatDate, formatTime } from '../common/format.js';
import { useLanguage } from '../common/useLanguage.js';
import { request } from '../store.js';
import { actionLabel, detailSummary } from './history-labels.js';
import { NotDelivered } from './NotDelivered.js';

const PAGE_SIZE = 50;

interface FilterForm {
  from: string;
  to: string;
  customerRef: string;
  topic: string;
}

const EMPTY: FilterForm = { from: '', to: '', customerRef: '', topic: '' };

/** Local calendar days typed in the form → the journal's epoch-ms range (to: the end of that day). */
export function filterOf(form: FilterForm): HistoryFilter {
  const day = (text: string, plusDays: number): number | undefined => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).getTime() : undefined;
  };
  const filter: HistoryFilter = {};
  const from = day(form.from, 0);
  const to = day(form.to, 1);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (form.customerRef.trim()) filter.customerRef = form.customerRef.trim();
  if (form.topic) filter.topic = form.topic;
  return filter;
}

/** Saves text as a file the way a web page can (Chromium and Electron both honour `download`). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The action journal: what was done, newest first, with its delivery to the CRM. */
export function HistoryPage({ snapshot }: { snapshot: AppSnapshot }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [items, setItems] = useState<HistoryEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (offset: number) => {
      setLoading(true);
      try {
        const page = await request((api) => api.history({ filter, limit: PAGE_SIZE, offset }));
        setItems((before) => (offset === 0 ? page.items : [...before, ...page.items]));
        setTotal(page.total);
        setError(null);
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [filter],
  );

  // Reload the first page when the filter changes and whenever the journal grows or delivers.
  const { pending, dead } = snapshot.sync;
  useEffect(() => {
    void load(0);
  }, [load, pending, dead, snapshot.recentCalls.length]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter(filterOf(form));
  };
  const exportCsv = async () => {
    try {
      const { csv, fileName } = await request((api) => api.exportHistory({ filter }));
      download(fileName, csv);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const field = (key: keyof FilterForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <div className="history" data-testid="history">
      {snapshot.sync.dead > 0 && <NotDelivered count={snapshot.sync.dead} />}
      <section className="panel panel--wide" aria-labelledby="history-title">
        <h2 id="history-title" className="panel__title">
          {t('history.title')} <span className="muted">{t('history.total', { count: total })}</span>
        </h2>
        <form className="history__filters" onSubmit={apply} aria-label={t('history.filters')}>
          <label className="history__field">
            <span>{t('history.from')}</span>
            <input className="input" type="date" {...field('from')} data-testid="history-from" />
          </label>
          <label className="history__field">
            <span>{t('history.to')}</span>
            <input className="input" type="date" {...field('to')} data-testid="history-to" />
          </label>
          <label className="history__field">
            <span>{t('history.customer')}</span>
            <input className="input" type="text" maxLength={200} {...field('customerRef')} data-testid="history-customer" />
          </label>
          <label className="history__field">
            <span>{t('history.topic')}</span>
            <select className="select" {...field('topic')} data-testid="history-topic">
              <option value="">{t('history.anyTopic')}</option>
              {snapshot.topics.map((topic) => (
                <option key={topic} value={topic}>
                  {topic}
                </option>
              ))}
            </select>
          </label>
          <div className="history__buttons">
            <button type="submit" className="btn btn--primary" data-testid="history-apply">
              {t('history.apply')}
            </button>
            <button type="button" className="btn" onClick={() => void exportCsv()} data-testid="history-export">
              {t('history.export')}
            </button>
          </div>
        </form>
        {error && (
          <p className="settings__error" role="alert">
            {error}
          </p>
        )}
        {items.length === 0 && !loading ? (
          <p className="muted" data-testid="history-empty">
            {t('history.empty')}
          </p>
        ) : (
          <div className="today-scroll">
            <table className="today history__table" data-testid="history-table">
              <thead>
                <tr>
                  <th scope="col">{t('history.when')}</th>
                  <th scope="col">{t('history.what')}</th>
                  <th scope="col">{t('history.topic')}</th>
                  <th scope="col">{t('history.customer')}</th>
                  <th scope="col">{t('history.details')}</th>
                  <th scope="col">{t('history.delivery')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <HistoryRow key={item.id} item={item} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {items.length < total && (
          <button type="button" className="btn" disabled={loading} onClick={() => void load(items.length)} data-testid="history-more">
            {t('history.more', { count: Math.min(PAGE_SIZE, total - items.length) })}
          </button>
        )}
      </section>
    </div>
  );
}

function HistoryRow({ item }: { item: HistoryEntry }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const states = Object.entries(item.sync);
  return (
    <tr className="today__row" data-testid="history-row" data-section={item.section} data-action={item.action}>
      <td className="today__time">
        {formatDate(new Date(item.startedAt).toISOString(), language)} {formatTime(item.startedAt, language)}
      </td>
      <td>{actionLabel(t, item.section, item.action)}</td>
      <td>{item.topic ?? <span className="muted">—</span>}</td>
      <td>{item.customerRef ?? <span className="muted">—</span>}</td>
      <td className="history__details" title={detailSummary(t, item)}>
        {detailSummary(t, item)}
      </td>
      <td className="today__time">
        {states.length === 0
          ? t('history.localOnly')
          : states.map(([sink, state]) => (
              <span key={sink} className={`history__state history__state--${state}`} data-testid="history-delivery" data-state={state}>
                {t(`history.state.${state}`)}
                {states.length > 1 ? ` (${sink})` : ''}
              </span>
            ))}
      </td>
    </tr>
  );
}
