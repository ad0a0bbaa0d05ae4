import { z } from 'zod';

export type ReasonLanguage = 'en' | 'ru' | 'uk';

/** PBX pause reasons the app sets itself; a configured reason may not reuse them. */
export const SCREEN_LOCKED = 'screen-locked';
export const WRAP_UP = 'wrap-up';
/** While the computer sleeps or the session ends. */
export const AWAY = 'away';
export const RESERVED_REASON_CODES: readonly string[] = [SCREEN_LOCKED, WRAP_UP, AWAY];

const reasonCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a reason code is lowercase letters, digits and dashes, e.g. "lunch" (it is sent to the PBX)')
  .refine((code) => !RESERVED_REASON_CODES.includes(code), {
    message: `"${SCREEN_LOCKED}", "${WRAP_UP}" and "${AWAY}" are set by the app itself; choose another code`,
  });

const label = z.string().trim().min(1).max(40);

export const presenceReasonSchema = z.strictObject({
  code: reasonCode,
  /** English is required; Russian and Ukrainian fall back to it. */
  label: z.strictObject({ en: label, ru: label.optional(), uk: label.optional() }),
});
export type PresenceReason = z.infer<typeof presenceReasonSchema>;

export const DEFAULT_PRESENCE_REASONS: PresenceReason[] = [
  { code: 'break', label: { en: 'Break', ru: 'Перерыв', uk: 'Перерва' } },
  { code: 'lunch', label: { en: 'Lunch', ru: 'Обед', uk: 'Обід' } },
  { code: 'training', label: { en: 'Training', ru: 'Обучение', uk: 'Навчання' } },
];
export const DEFAULT_WRAP_UP_SECONDS = 30;

/** The `presence` config section (the lead plugs it into the config schema). */
export const presenceConfigSchema = z.strictObject({
  /** The not-ready reasons an operator can pick, in menu order. */
  reasons: z
    .array(presenceReasonSchema)
    .min(1, 'at least one not-ready reason, e.g. [{ "code": "break", "label": { "en": "Break" } }]')
    .max(20)
    .refine((list) => new Set(list.map((r) => r.code)).size === list.length, { message: 'each reason code may appear only once' })
    .default(DEFAULT_PRESENCE_REASONS),
  /** After-call work after every answered call (0: none). */
  wrapUpSeconds: z.number().int().min(0).max(3600).default(DEFAULT_WRAP_UP_SECONDS),
});
export type PresenceConfig = z.output<typeof presenceConfigSchema>;

export const defaultPresenceConfig: PresenceConfig = { reasons: DEFAULT_PRESENCE_REASONS, wrapUpSeconds: DEFAULT_WRAP_UP_SECONDS };

/** The configured reason's label in `language`, or undefined for a code that is not configured. */
export function configuredReasonLabel(reasons: readonly PresenceReason[], code: string, language: ReasonLanguage): string | undefined {
  const reason = reasons.find((r) => r.code === code);
  return reason && (reason.label[language] ?? reason.label.en);
}
