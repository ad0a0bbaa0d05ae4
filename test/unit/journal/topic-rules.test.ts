import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compileTopicRules, loadTopicRules, parseTopicRules, TopicRulesError } from '../../../electron/core/journal/topic-rules.js';
import { DEFAULT_RULES_PATH, defaultRules, journalFixtures } from './journal-fixtures.js';

const fx = journalFixtures();
afterEach(() => fx.cleanup());

const match = (section: string, act: string, details: Record<string, unknown> = {}) => defaultRules().match({ section, action: act, details })?.topic;

describe('the default rules file', () => {
  it('covers what operators do with the demo CRM', () => {
    expect(match('order', 'viewed', { status: 'shipped' })).toBe('Delivery');
    expect(match('order', 'viewed', { status: 'delivered', number: 'A-1' })).toBe('Delivery');
    expect(match('order', 'viewed', { status: 'processing' })).toBe('Order status');
    expect(match('order', 'viewed', { status: 'returned' })).toBe('Returns');
    expect(match('order', 'cancelled')).toBe('Returns');
    expect(match('contact', 'created')).toBe('New customer');
    expect(match('invoice', 'viewed', { number: 'INV-7' })).toBe('Billing');
    expect(match('note', 'saved', { text: 'Клиент оставил жалобу на курьера' })).toBe('Complaint');
    expect(match('note', 'saved', { text: 'will call back tomorrow' })).toBeUndefined();
    expect(match('callback', 'created')).toBe('Callback');
    expect(match('card', 'shown')).toBeUndefined();
    expect(match('call', 'ended', { reason: 'completed' })).toBeUndefined();
  });
});

describe('matching', () => {
  const rules = compileTopicRules(
    parseTopicRules(
      {
        rules: [
          { topic: 'A', priority: 10, section: 'order' },
          { topic: 'B', priority: 10, section: ['order', 'invoice'], action: 'viewed' },
          { topic: 'VIP', priority: 50, section: 'card', details: { 'customer.segment': ['vip', 'key'] } },
          { topic: 'Tagged', priority: 5, section: 'card', details: { tags: 'urgent' } },
          { topic: 'Has manager', priority: 1, section: 'card', details: { manager: { exists: true } } },
          { topic: 'No manager', priority: 1, section: 'card', details: { manager: { exists: false } } },
          { topic: 'Refund', priority: 30, section: 'note', details: { text: { pattern: '^refund' } } },
        ],
      },
      'test',
    ),
  );
  const topic = (section: string, act: string, details: Record<string, unknown> = {}) => rules.match({ section, action: act, details });

  it('picks the highest priority, and the first rule in the file on a tie', () => {
    expect(topic('order', 'viewed')).toEqual({ topic: 'A', priority: 10 });
    expect(topic('invoice', 'viewed')).toEqual({ topic: 'B', priority: 10 });
    expect(topic('invoice', 'paid')).toBeUndefined();
  });

  it('reads nested details by path, lists as "any of", arrays in the details element-wise, patterns case-insensitively, and presence', () => {
    expect(topic('card', 'shown', { customer: { segment: 'key' } })?.topic).toBe('VIP');
    expect(topic('card', 'shown', { customer: { segment: 'retail' }, manager: 'Olga' })?.topic).toBe('Has manager');
    expect(topic('card', 'shown', { tags: ['new', 'urgent'] })?.topic).toBe('Tagged');
    expect(topic('card', 'shown', {})?.topic).toBe('No manager');
    expect(topic('note', 'saved', { text: 'REFUND please' })?.topic).toBe('Refund');
    expect(topic('note', 'saved', { text: 'no refund' })).toBeUndefined();
  });
});

describe('invalid rules', () => {
  function problems(data: unknown): string[] {
    try {
      parseTopicRules(data, 'rules.json');
    } catch (err) {
      expect(err).toBeInstanceOf(TopicRulesError);
      expect((err as Error).message.split('\n')[0]).toBe('Topic rules rules.json are invalid:');
      return (err as TopicRulesError).problems;
    }
    throw new Error('expected the rules to be refused');
  }

  it('names the rule index and the field, with what was found', () => {
    const found = problems({
      rules: [
        { topic: 'Delivery', priority: 50, section: 'order' },
        { topic: 'X', priority: 'high', section: 'ordr' },
        { topic: '', priority: 1, section: 'note', details: { text: { pattern: '(unclosed' } } },
        { topc: 'Typo', priority: 1, section: 'note' },
      ],
    });
    expect(found).toEqual([
      expect.stringMatching(/^rules\[1\]\.priority: .*number.* \(got "high"\)$/),
      expect.stringMatching(/^rules\[1\]\.section: expected one of call, card, order, .*, or a non-empty list of them \(got "ordr"\)$/),
      expect.stringMatching(/^rules\[2\]\.topic: must name the topic \(got ""\)$/),
      expect.stringMatching(/^rules\[2\]\.details\.text\.pattern: not a valid regular expression \(got "\(unclosed"\)$/),
      expect.stringMatching(/^rules\[3\]\.topic: .* \(got nothing\)$/),
      'rules[3].topc: unknown field (check the spelling)',
    ]);
  });

  it('says when the file is missing or not JSON', () => {
    const dir = fx.dir();
    expect(() => loadTopicRules(`${dir}/missing.json`)).toThrow(/missing\.json are invalid:\n {2}- cannot be read .*journal\.topicRulesPath/);
    writeFileSync(`${dir}/broken.json`, '{"rules": [');
    expect(() => loadTopicRules(`${dir}/broken.json`)).toThrow(/broken\.json are invalid:\n {2}- is not valid JSON/);
    expect(loadTopicRules(DEFAULT_RULES_PATH).rules.length).toBeGreaterThan(5);
  });
});
