import type { TFunction } from 'i18next';
import type { ConnectionCheck } from '../../../shared/contract/schemas.js';

/**
 * A connection check in the operator's language: the core's `say` keys when it gave them
 * (its English texts otherwise). What the PBX or the CRM said stays word for word.
 */
export function checkTexts(check: ConnectionCheck, t: TFunction): { name: string; detail: string; fix?: string } {
  const { say } = check;
  if (!say) return { name: check.name, detail: check.detail, ...(check.fix ? { fix: check.fix } : {}) };
  const values: Record<string, string | number> = { ...say.values };
  if (typeof values.secret === 'string') values.secret = t(`settings.crmSecretKinds.${values.secret}`);
  const name = t(`checks.names.${say.name}`, { ...values, defaultValue: check.name });
  const detail = say.detail ? t(`checks.details.${say.detail}`, { ...values, defaultValue: check.detail }) : check.detail;
  const fix = say.fix ? t(`checks.fixes.${say.fix}`, { ...values, defaultValue: check.fix ?? '' }) : check.fix;
  return { name, detail, ...(fix ? { fix } : {}) };
}
