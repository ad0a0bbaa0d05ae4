import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema } from '../../electron/core/config/schema.js';

const file = join(import.meta.dirname, '..', '..', 'resources', 'config.schema.json');

function generate(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'CTI Launcher configuration', $id: 'https://cti-launcher.local/config.schema.json' }, null, 2)}\n`;
}

describe('resources/config.schema.json', () => {
  it('matches the zod schema the app validates with (regenerate: UPDATE_SCHEMA=1 npx vitest run test/unit/config-schema.test.ts)', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, generate());
    expect(readFileSync(file, 'utf8')).toBe(generate());
  });

  it('describes the keys IT sets and refuses unknown ones', () => {
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(schema.properties)).toEqual(['agent', 'presence', 'pbx', 'crm', 'phone', 'pop', 'ui', 'desktop', 'card', 'journal', 'log']);
    expect(schema.additionalProperties).toBe(false);
  });
});
