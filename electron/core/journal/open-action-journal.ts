import { join } from 'node:path';
import type { AppConfig } from '../config/schema.js';
import type { Clock, CrmAdapter, Logger, SecretStore } from '../ports.js';
import { ActionJournal } from './action-journal.js';
import { crmActivitySink, type ActivitySink } from './activity-sink.js';
import { bulkNdjsonSink } from './bulk-ndjson-sink.js';
import type { Journal } from './journal-api.js';
import { inProcessJournal } from './journal-api.js';
import { JournalClient } from './journal-client.js';
import { JournalStore } from './journal-store.js';
import { scheduleRetention } from './journal-retention.js';
import { JournalSync } from './journal-sync.js';
import { compileTopicRules, loadTopicRules, type TopicRulesFile } from './topic-rules.js';

export interface OpenActionJournalOptions {
  config: AppConfig;
  /** The journal file, e.g. `<userData>/journal.sqlite`. */
  path: string;
  /** Shipped resources (the default topic rules). */
  resources: string;
  /** The bundled worker (SQLite off the caller's thread); without it the journal runs in this thread. */
  workerPath?: string;
  crm: CrmAdapter;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
}

export const operatorOf = (agent: AppConfig['agent']): string => (agent.name ? `${agent.extension} ${agent.name}` : agent.extension);

/** Distinct topics of the rules, in file order: what the operator can pick on the card. */
export const topicsOf = (rules: TopicRulesFile): string[] => [...new Set(rules.rules.map((r) => r.topic))];

async function analyticsSink(config: AppConfig['journal'], secrets: SecretStore): Promise<ActivitySink | undefined> {
  const sink = config.analyticsSink;
  if (!sink) return undefined;
  const apiKey = sink.apiKeyRef ? await secrets.get(sink.apiKeyRef) : undefined;
  if (sink.apiKeyRef && !apiKey) throw new Error(`journal.analyticsSink: no API key stored under "${sink.apiKeyRef}" (${secrets.backend})`);
  return bulkNdjsonSink({ url: sink.url, index: sink.index, headers: apiKey ? { Authorization: `ApiKey ${apiKey}` } : {} });
}

/**
 * Opens the journal with a sync per sink: the CRM (when its connection can log activities)
 * and the optional analytics collector. Throws (with the file or key named) when it cannot.
 */
export async function openActionJournal(options: OpenActionJournalOptions): Promise<ActionJournal> {
  const { config, crm, clock, log } = options;
  const rules = loadTopicRules(config.journal.topicRulesPath ?? join(options.resources, 'topic-rules.json'));
  const sinks: ActivitySink[] = [];
  if (crm.capabilities.logActivity) sinks.push(crmActivitySink(crm));
  else log.warn({ crm: crm.kind }, 'journal: this CRM connection cannot log activities; actions are kept locally only');
  const analytics = await analyticsSink(config.journal, options.secrets);
  if (analytics) sinks.push(analytics);

  const sinkNames = sinks.map((s) => s.name);
  let journal: Journal;
  let notice: string | undefined;
  if (options.workerPath) {
    const client = await JournalClient.open({ workerPath: options.workerPath, path: options.path, sinks: sinkNames, topicRules: rules, log });
    notice = client.recovered?.message;
    journal = client as unknown as Journal;
  } else {
    const store = JournalStore.open({ path: options.path, sinks: sinkNames, topicRules: compileTopicRules(rules) });
    notice = store.recovered?.message;
    journal = inProcessJournal(store);
  }
  const syncs = sinks.map((sink) => new JournalSync({ journal, sink, clock, log }));
  const retention = scheduleRetention(journal, { clock, log, retentionDays: config.journal.retentionDays });
  return new ActionJournal({ journal, syncs, operator: operatorOf(config.agent), topics: topicsOf(rules), clock, log, onClose: () => retention.stop(), ...(notice ? { notice } : {}) });
}
