import { describe, expect, it } from 'vitest';
import { testCrmSettings } from '../../../electron/core/crm/crm-connection-test.js';
import { configSchema } from '../../../electron/core/config/schema.js';
import { silentLogger } from '../../../electron/core/log.js';
import { systemClock } from '../../../electron/core/ports.js';
import { testPbxSettings } from '../../../electron/core/pbx/pbx-connection-test.js';
import { createI18n } from '../../../renderer/src/i18n.js';
import { checkTexts } from '../../../renderer/src/main/check-texts.js';

const noSecrets = { backend: 'memory', get: async () => undefined, set: async () => {}, delete: async () => {} };

describe('connection checks in the operator\'s language', () => {
  it('says the core\'s checks in Russian and Ukrainian, with the values put in', async () => {
    const [amiSecret] = await testPbxSettings({ type: 'asterisk', host: 'pbx', tls: false, username: 'cti', interfaces: ['PJSIP/101'], originateContext: 'x' }, undefined, silentLogger);
    expect(checkTexts(amiSecret!, createI18n('ru').t)).toEqual({ name: 'пароль AMI', detail: 'пароль AMI не сохранён и не введён', fix: 'введите пароль этого пользователя AMI из manager.conf' });

    const crm = configSchema.parse({ crm: { type: 'bitrix24', portalUrl: 'https://corp.bitrix24.ua' } }).crm;
    const [webhook] = await testCrmSettings(crm, { secrets: noSecrets, clock: systemClock, log: silentLogger, env: {} });
    expect(checkTexts(webhook!, createI18n('uk').t)).toMatchObject({ name: 'секрет CRM', detail: '«Адреса вхідного вебхука» не збережено і не введено' });

    const [directory] = await testCrmSettings(configSchema.parse({}).crm, { secrets: noSecrets, clock: systemClock, log: silentLogger });
    expect(checkTexts(directory!, createI18n('uk').t).detail).toBe('вбудованому довіднику клієнтів підключення не потрібне');
  });

  it('keeps what the PBX or the CRM said word for word, and English texts without keys as they are', () => {
    const t = createI18n('ru').t;
    const refused = { name: 'connect and log in', ok: false, detail: 'AMI login as "cti" refused: Authentication failed', fix: 'check the user…', say: { name: 'login', fix: 'loginRefused' } };
    expect(checkTexts(refused, t)).toEqual({ name: 'подключение и вход', detail: 'AMI login as "cti" refused: Authentication failed', fix: expect.stringContaining('permit=') });
    const skew = { name: 'clock skew', ok: false, detail: 'the PBX clock is 7200 ms behind this computer', say: { name: 'clock', detail: 'clockBehind', fix: 'clock', values: { ms: 7200 } } };
    expect(checkTexts(skew, t).detail).toBe('часы АТС отстают на 7200 мс от этого компьютера');
    expect(checkTexts({ name: 'something new', ok: true, detail: 'as the core said' }, t)).toEqual({ name: 'something new', detail: 'as the core said' });
  });
});
