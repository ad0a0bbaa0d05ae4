import { describe, expect, it } from 'vitest';
import { configuredReasonLabel, DEFAULT_PRESENCE_REASONS, presenceConfigSchema } from '../../../electron/core/presence/presence-config.js';

const problems = (input: unknown): string[] => {
  const result = presenceConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('presence config', () => {
  it('defaults to break, lunch and training with 30 s of wrap-up', () => {
    expect(presenceConfigSchema.parse({})).toEqual({ reasons: DEFAULT_PRESENCE_REASONS, wrapUpSeconds: 30 });
    expect(DEFAULT_PRESENCE_REASONS.map((r) => r.code)).toEqual(['break', 'lunch', 'training']);
  });

  it('accepts reasons with English labels and optional Russian and Ukrainian', () => {
    const config = presenceConfigSchema.parse({ reasons: [{ code: 'back-office', label: { en: 'Back office', ru: 'Бэк-офис' } }], wrapUpSeconds: 0 });
    expect(configuredReasonLabel(config.reasons, 'back-office', 'ru')).toBe('Бэк-офис');
    expect(configuredReasonLabel(config.reasons, 'back-office', 'uk')).toBe('Back office');
    expect(configuredReasonLabel(config.reasons, 'lunch', 'en')).toBeUndefined();
  });

  it('says what is wrong with bad reasons', () => {
    expect(problems({ reasons: [{ code: 'screen-locked', label: { en: 'Locked' } }] })).toEqual([
      'reasons.0.code: "screen-locked", "wrap-up" and "away" are set by the app itself; choose another code',
    ]);
    expect(problems({ reasons: [{ code: 'Lunch Break', label: { en: 'Lunch' } }] })[0]).toMatch(/^reasons\.0\.code: a reason code is lowercase/);
    expect(problems({ reasons: [{ code: 'a', label: { en: 'A' } }, { code: 'a', label: { en: 'B' } }] })).toEqual(['reasons: each reason code may appear only once']);
    expect(problems({ reasons: [] })[0]).toMatch(/at least one not-ready reason/);
    expect(problems({ reasons: [{ code: 'lunch', label: { ru: 'Обед' } }] })[0]).toMatch(/^reasons\.0\.label\.en/);
    expect(problems({ wrapUpSeconds: -1 })[0]).toMatch(/^wrapUpSeconds/);
  });
});
