import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ACTIVITY_SECTIONS } from './journal-records.js';
import { describeIssues } from './zod-issues.js';

/**
 * Auto-topic rules: each rule names a topic and a priority and matches an action by its
 * section, its action and values in its details. A call's main topic is the topic of the
 * highest-priority rule matched by any of its actions (the first such rule on a tie); an
 * operator's choice always wins over the rules.
 */
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const oneOrMany = <T extends z.ZodType>(item: T, expected: string) =>
  z.union([item, z.array(item).min(1)], { error: `expected ${expected}, or a non-empty list of them` });

const detailMatcherSchema = z.union([
  scalar,
  z.array(scalar).min(1),
  z.strictObject({
    pattern: z.string().min(1).refine((p) => isValidRegex(p), { message: 'not a valid regular expression' }),
  }),
  z.strictObject({ exists: z.boolean() }),
]);

const ruleSchema = z.strictObject({
  topic: z.string().trim().min(1, 'must name the topic').max(80),
  priority: z.number().int().min(0).max(1000),
  section: oneOrMany(z.enum(ACTIVITY_SECTIONS), `one of ${ACTIVITY_SECTIONS.join(', ')}`),
  action: oneOrMany(z.string().min(1), 'an action name such as "viewed"').optional(),
  /** Keys are paths into the action's details (`order.status`). */
  details: z.record(z.string().min(1), detailMatcherSchema).optional(),
  description: z.string().optional(),
});

export const topicRulesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  rules: z.array(ruleSchema),
});

export type TopicRulesFile = z.infer<typeof topicRulesFileSchema>;
type DetailMatcher = z.infer<typeof detailMatcherSchema>;

export class TopicRulesError extends Error {
  readonly problems: string[];

  constructor(origin: string, problems: string[]) {
    super(`Topic rules ${origin} are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TopicRulesError';
    this.problems = problems;
  }
}

export interface TopicMatch {
  topic: string;
  priority: number;
}

export interface MatchableAction {
  section: string;
  action: string;
  details: Record<string, unknown>;
}

export interface TopicRules {
  /** The highest-priority rule this action matches (file order breaks ties). */
  match(action: MatchableAction): TopicMatch | undefined;
}

function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
}

/** Validates rules data; `origin` (a file name) prefixes every problem line. */
export function parseTopicRules(data: unknown, origin: string): TopicRulesFile {
  const parsed = topicRulesFileSchema.safeParse(data);
  if (!parsed.success) throw new TopicRulesError(origin, describeIssues(parsed.error, data));
  return parsed.data;
}

export function loadTopicRules(path: string): TopicRulesFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new TopicRulesError(path, [`cannot be read (${(err as Error).message}); check the path in journal.topicRulesPath`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new TopicRulesError(path, [`is not valid JSON: ${(err as Error).message}`]);
  }
  return parseTopicRules(data, path);
}

const asList = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

function valueAtPath(details: Record<string, unknown>, path: string): unknown {
  let node: unknown = details;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function compileMatcher(matcher: DetailMatcher): (value: unknown) => boolean {
  if (typeof matcher === 'object' && !Array.isArray(matcher) && 'exists' in matcher) {
    return (v) => (v !== undefined && v !== null) === matcher.exists;
  }
  let one: (v: unknown) => boolean;
  if (Array.isArray(matcher)) one = (v) => matcher.some((m) => m === v);
  else if (typeof matcher === 'object') {
    const re = new RegExp(matcher.pattern, 'iu');
    one = (v) => (typeof v === 'string' || typeof v === 'number') && re.test(String(v));
  } else one = (v) => v === matcher;
  // A list in the details (tags, say) matches when any of its elements does.
  return (v) => (Array.isArray(v) ? v.some(one) : one(v));
}

export function compileTopicRules(file: TopicRulesFile): TopicRules {
  const compiled = file.rules.map((rule) => {
    const sections = asList(rule.section)!;
    const actions = asList(rule.action);
    const details = Object.entries(rule.details ?? {}).map(([path, m]) => ({ path, test: compileMatcher(m) }));
    return {
      topic: rule.topic,
      priority: rule.priority,
      matches(a: MatchableAction): boolean {
        if (!(sections as string[]).includes(a.section)) return false;
        if (actions && !actions.includes(a.action)) return false;
        return details.every(({ path, test }) => test(valueAtPath(a.details, path)));
      },
    };
  });
  return {
    match(action) {
      let best: TopicMatch | undefined;
      for (const rule of compiled) {
        if ((!best || rule.priority > best.priority) && rule.matches(action)) best = { topic: rule.topic, priority: rule.priority };
      }
      return best;
    },
  };
}

export const NO_TOPIC_RULES: TopicRules = { match: () => undefined };
