import { z } from 'zod';
import { bitrix24CrmConfigSchema, restCrmConfigSchema } from '../crm/crm-config.js';
import { presenceConfigSchema } from '../presence/presence-config.js';

/**
 * The machine-wide and per-user configuration. Every key is optional: defaults give the
 * zero-config demo. Unknown keys are errors (a typo must not silently fall back to a default).
 */
const extension = z.string().regex(/^[0-9]{2,8}$/, 'an extension is 2 to 8 digits, e.g. "101"');

/** Key of the AMI secret in the secret store unless the config names another. */
export const DEFAULT_PBX_SECRET_REF = 'pbx.asterisk';

export const pbxConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('demo'),
    /** Seconds between simulated calls. */
    callIntervalSeconds: z.number().int().min(2).max(3600).default(12),
    /** Seconds until the first simulated call after start. */
    firstCallSeconds: z.number().min(0).max(3600).default(2),
    seed: z.number().int().default(20261122),
  }),
  z.strictObject({
    type: z.literal('asterisk'),
    host: z.string().min(1, 'the PBX host name or address is required'),
    /** 5038 plain, 5039 with TLS. */
    port: z.number().int().min(1).max(65535).optional(),
    tls: z.boolean().default(false),
    username: z.string().min(1, 'the AMI user from manager.conf is required'),
    /** Key of the AMI secret in the OS secret store; the password itself never goes in a file. */
    secretRef: z.string().min(1).default(DEFAULT_PBX_SECRET_REF),
    /** Or: name of an environment variable holding the secret (for managed deployments). */
    secretEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. "CTI_AMI_SECRET"').optional(),
    /** Send the secret itself when the PBX refuses the MD5 challenge. */
    allowPlainLogin: z.boolean().default(false),
    /** This agent's phone / queue member interfaces; the first is rung for click-to-call and paused. */
    interfaces: z
      .array(z.string().regex(/^(SIP|PJSIP|IAX2|Local|DAHDI)\/[^\s,]+$/i, 'an Asterisk interface such as "PJSIP/101" or "Local/101@agents/n"'))
      .min(1, 'at least one interface, e.g. ["PJSIP/101"]'),
    /** The phone behind a Local/ queue member, e.g. "PJSIP/101". */
    stateInterfaces: z.array(z.string().min(1)).optional(),
    /** Dialplan context click-to-call dials the customer from. */
    originateContext: z.string().min(1).default('from-internal'),
    /**
     * AMI `Filter` expressions sent after every login (needs write=system for the AMI user).
     * Default: only the events the app reads; [] turns server-side filtering off.
     */
    filters: z.array(z.string().min(1).max(1000)).max(20).optional(),
  }),
]);

export const crmConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('embedded'),
    /** SQLite file; default: `<userData>/crm.sqlite` (`demo-crm.sqlite` with sample data in demo mode). */
    path: z.string().min(1).optional(),
  }),
  restCrmConfigSchema,
  bitrix24CrmConfigSchema,
]);

/** A section that leaves out `type` keeps the default kind, so `--set pbx.callIntervalSeconds=5` just works. */
function withDefaultType<T extends z.ZodType>(type: string, schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) && !('type' in value) ? { ...value, type } : value),
    schema,
  );
}

export const configSchema = z.strictObject({
  agent: z
    .strictObject({
      extension: extension.default('101'),
      name: z.string().max(80).optional(),
      /** Supervisors get the live dashboard in the tray menu. */
      role: z.enum(['operator', 'supervisor']).default('operator'),
    })
    .default({ extension: '101', role: 'operator' }),
  presence: presenceConfigSchema.prefault({}),
  pbx: withDefaultType('demo', pbxConfigSchema).default({ type: 'demo', callIntervalSeconds: 12, firstCallSeconds: 2, seed: 20261122 }),
  crm: withDefaultType('embedded', crmConfigSchema).default({ type: 'embedded' }),
  phone: z
    .strictObject({
      defaultRegion: z
        .string()
        .regex(/^[A-Z]{2}$/, 'a two-letter ISO country code in capitals, e.g. "RU" or "UA"')
        .default('RU'),
      maxInternalDigits: z.number().int().min(2).max(8).default(5),
    })
    .default({ defaultRegion: 'RU', maxInternalDigits: 5 }),
  pop: z
    .strictObject({
      lookupTimeoutMs: z.number().int().min(100).max(30000).default(1500),
      cacheTtlSeconds: z.number().int().min(0).max(86400).default(300),
      ordersShown: z.number().int().min(1).max(200).default(20),
      /** Hide the card this many seconds after the last call ended (0: keep it open). */
      hideAfterSeconds: z.number().int().min(0).max(3600).default(20),
      interactionsShown: z.number().int().min(0).max(50).default(10),
      /** When no customer has the exact number, match on its last N digits (0: off). */
      matchLastDigits: z.number().int().min(0).max(12).default(10),
    })
    .default({ lookupTimeoutMs: 1500, cacheTtlSeconds: 300, ordersShown: 20, hideAfterSeconds: 20, interactionsShown: 10, matchLastDigits: 10 }),
  ui: z
    .strictObject({
      language: z.enum(['system', 'en', 'ru', 'uk']).default('system'),
      theme: z.enum(['system', 'light', 'dark']).default('system'),
    })
    .default({ language: 'system', theme: 'system' }),
  desktop: z
    .strictObject({
      /** Start with Windows (set at every start; leave out to keep what the installer or the user chose). */
      autostart: z.boolean().optional(),
      /** A start at login shows only the tray icon. */
      startMinimized: z.boolean().default(false),
      /** Dials the number in the clipboard after confirmation, e.g. "CommandOrControl+Shift+D". */
      dialHotkey: z
        .string()
        .regex(/^((CommandOrControl|CmdOrCtrl|Control|Ctrl|Alt|Shift|Super|Meta)\+)+([A-Z0-9]|F([1-9]|1[0-9]|2[0-4]))$/, 'an accelerator such as "CommandOrControl+Shift+D"')
        .optional(),
      /** Registers the app for tel:, callto:, sip: and sips: links for the signed-in user (a packaged app only). */
      handleDialLinks: z.boolean().default(true),
    })
    .default({ startMinimized: false, handleDialLinks: true }),
  card: z
    .strictObject({
      /** "primary", "cursor" (the monitor under the mouse pointer) or a monitor index (0: the first). */
      display: z.union([z.enum(['primary', 'cursor']), z.number().int().min(0).max(15)]).default('primary'),
      corner: z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']).default('bottom-right'),
      size: z.enum(['compact', 'expanded']).default('expanded'),
    })
    .default({ display: 'primary', corner: 'bottom-right', size: 'expanded' }),
  journal: z
    .strictObject({
      /** Delivered actions older than this are purged; undelivered ones never are. */
      retentionDays: z.number().int().min(1).max(3650).default(90),
      /** Topic rules file (default: the one shipped in resources). */
      topicRulesPath: z.string().min(1).optional(),
      /** Optional second sink: newline-delimited JSON to an Elasticsearch-compatible `_bulk` endpoint. */
      analyticsSink: z
        .strictObject({
          url: z.string().url('the `_bulk` endpoint URL, e.g. "https://logs.example.com/_bulk"'),
          index: z.string().min(1).max(255).default('cti-actions'),
          /** Key of the collector's API key in the secret store. */
          apiKeyRef: z.string().min(1).optional(),
        })
        .optional(),
    })
    .default({ retentionDays: 90 }),
  log: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info') })
    .default({ level: 'info' }),
});

export type AppConfig = z.output<typeof configSchema>;
export type AppConfigInput = z.input<typeof configSchema>;
