import { z } from 'zod';

/** The `crm` section for CRMs reached over HTTP: the generic REST mapping and Bitrix24. */

const secretRef = z.string().min(1).max(100);
const secretEnv = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. "CTI_CRM_TOKEN"');

/** https, or http to this computer only (a test or a local gateway): tokens never travel in clear text. */
const serviceUrl = z
  .string()
  .url('a full URL, e.g. "https://crm.example.com/api"')
  .refine((text) => {
    const u = new URL(text);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
  }, 'must be https:// (http:// only to 127.0.0.1 or localhost)')
  .refine((text) => {
    const u = new URL(text);
    return u.username === '' && u.password === '';
  }, 'must not contain a user name or password: put the secret in the secret store and name it in auth');

export const restAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('bearer'), secretRef, secretEnv: secretEnv.optional() }),
  z.strictObject({ type: z.literal('apiKey'), header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/), secretRef, secretEnv: secretEnv.optional() }),
  z.strictObject({ type: z.literal('basic'), username: z.string().min(1).max(200), secretRef, secretEnv: secretEnv.optional() }),
  z.strictObject({
    type: z.literal('oauth2'),
    tokenUrl: serviceUrl,
    clientId: z.string().min(1).max(200),
    /** Key of the client secret in the secret store. */
    secretRef,
    secretEnv: secretEnv.optional(),
    scope: z.string().max(500).optional(),
  }),
]);
export type RestAuth = z.infer<typeof restAuthSchema>;

/** A JSONPath into a response, evaluated without scripts, e.g. "$.data.name". */
const jsonPath = z.string().regex(/^\$/, 'a JSONPath starting with $, e.g. "$.name"').max(300);
const pathTemplate = z.string().regex(/^\//, 'a path starting with /, e.g. "/contacts?phone={e164}"').max(500);
const method = z.enum(['GET', 'POST', 'PUT', 'PATCH']).default('GET');
const fieldMap = (fields: readonly string[]) => z.partialRecord(z.enum(fields as [string, ...string[]]), jsonPath);

const matchFields = ['ref', 'name', 'company', 'city', 'kind', 'phones'] as const;
const listOperation = (fields: readonly string[]) =>
  z.strictObject({
    method,
    path: pathTemplate,
    body: z.unknown().optional(),
    /** Where the array is in the answer ("$" when the answer is the array). */
    list: jsonPath.default('$'),
    fields: fieldMap(fields),
  });

export const restOperationsSchema = z.strictObject({
  findByPhone: listOperation(matchFields),
  search: listOperation(matchFields).optional(),
  getCard: z.strictObject({
    method: z.literal('GET').default('GET'),
    path: pathTemplate,
    fields: fieldMap(['ref', 'name', 'kind', 'company', 'manager', 'city', 'segment', 'tags', 'timeZone', 'notes', 'phones', 'ordersTotal', 'openOrders', 'crmUrl']),
    /** Unpaid invoices inside the same answer, if the CRM has them. */
    invoices: z.strictObject({ list: jsonPath, fields: fieldMap(['id', 'number', 'date', 'dueDate', 'amount', 'currency', 'paid']) }).optional(),
  }),
  listOrders: listOperation(['id', 'number', 'date', 'status', 'amount', 'currency']).extend({
    /** The CRM's status words → new, processing, shipped, delivered, cancelled, returned. */
    statusMap: z.record(z.string(), z.enum(['new', 'processing', 'shipped', 'delivered', 'cancelled', 'returned'])).optional(),
  }),
  listInteractions: listOperation(['id', 'at', 'channel', 'direction', 'summary', 'operator', 'durationSeconds', 'recordingUrl']).optional(),
  createContact: z.strictObject({ method: method.default('POST'), path: pathTemplate, body: z.unknown(), ref: jsonPath }).optional(),
  logActivity: z
    .strictObject({ method: method.default('POST'), path: pathTemplate, body: z.unknown(), id: jsonPath, maxBatch: z.number().int().min(1).max(100).default(1) })
    .optional(),
});
export type RestOperations = z.infer<typeof restOperationsSchema>;

export const restCrmConfigSchema = z.strictObject({
  type: z.literal('rest'),
  /** Shown in the app (e.g. "Our CRM"). */
  name: z.string().min(1).max(60).default('REST CRM'),
  baseUrl: serviceUrl,
  auth: restAuthSchema.default({ type: 'none' }),
  timeoutMs: z.number().int().min(200).max(60_000).default(5000),
  rateLimit: z.strictObject({ requests: z.number().int().min(1).max(1000), perSeconds: z.number().min(0.1).max(3600) }).default({ requests: 10, perSeconds: 1 }),
  /** Header that carries the idempotency key of createContact and logActivity (also `{idempotencyKey}` in bodies). */
  idempotencyHeader: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).default('Idempotency-Key'),
  /** The customer's page in the CRM, e.g. "https://crm.example.com/contacts/{ref}". */
  recordUrlTemplate: z.string().max(500).optional(),
  operations: restOperationsSchema,
});
export type RestCrmConfig = z.infer<typeof restCrmConfigSchema>;

export const bitrix24CrmConfigSchema = z.strictObject({
  type: z.literal('bitrix24'),
  /** The portal, e.g. "https://example.bitrix24.ru" (links to records open there). */
  portalUrl: serviceUrl,
  /**
   * Key of the inbound webhook URL (https://portal/rest/<user>/<token>/) in the secret store:
   * the token in it is a password.
   */
  webhookRef: secretRef.default('crm.bitrix24.webhook'),
  webhookEnv: secretEnv.optional(),
  /**
   * A local application's OAuth instead of the webhook (README › Bitrix24 with OAuth): access
   * tokens last an hour and are renewed with the refresh token, which Bitrix24 replaces each
   * time (the new one is kept in the secret store).
   */
  oauth: z
    .strictObject({
      clientId: z.string().min(1).max(200),
      clientSecretRef: secretRef.default('crm.bitrix24.clientSecret'),
      clientSecretEnv: secretEnv.optional(),
      refreshTokenRef: secretRef.default('crm.bitrix24.refreshToken'),
      /** Only the first refresh token (e.g. from a deployment tool); the renewed ones live in the secret store. */
      refreshTokenEnv: secretEnv.optional(),
      tokenUrl: serviceUrl.default('https://oauth.bitrix.info/oauth/token/'),
    })
    .optional(),
  timeoutMs: z.number().int().min(200).max(60_000).default(8000),
  /** Bitrix24 allows about 2 requests a second per portal. */
  rateLimit: z.strictObject({ requests: z.number().int().min(1).max(100), perSeconds: z.number().min(0.1).max(60) }).default({ requests: 2, perSeconds: 1 }),
  /** Deals in these stage groups count as open orders. */
  openStageSemantics: z.array(z.enum(['P', 'S', 'F'])).default(['P']),
});
export type Bitrix24CrmConfig = z.infer<typeof bitrix24CrmConfigSchema>;
