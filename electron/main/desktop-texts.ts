import i18next, { type i18n as I18n } from 'i18next';

/** What the main process itself says (tray, dialogs): English, Russian, Ukrainian. */
export type DesktopLanguage = 'en' | 'ru' | 'uk';
export type LanguageSetting = 'system' | DesktopLanguage;

const en = {
  'app.name': 'CTI Launcher',
  'status.available': 'Available',
  'status.not-ready': 'Not ready',
  'status.on-call': 'On a call',
  'status.wrap-up': 'Wrap-up',
  'status.offline': 'Offline',
  'status.error': 'No connection to the PBX',
  'status.journal-error': 'Actions cannot be saved — see the main window',
  'status.detail': '{{status}}: {{detail}}',
  'reason.screen-locked': 'Screen locked',
  'reason.pbx-no-reason': 'paused on the PBX',
  'reason.by-pbx': '{{reason}} (set on the PBX)',
  'offline.pbx-link': 'PBX unreachable',
  'offline.asleep': 'computer asleep',
  'offline.session-ending': 'signing out',
  'offline.logged-off': 'logged off the queues on the PBX',
  'link.connecting': 'connecting',
  'link.up': 'connected',
  'link.down': 'disconnected',
  'tooltip.links': 'PBX {{pbx}} · CRM {{crm}}',
  'sync.pending_one': '{{count}} action waiting to sync',
  'sync.pending_other': '{{count}} actions waiting to sync',
  'mode.demo': 'Demo mode',
  'menu.starting': 'Starting…',
  'menu.status-line': '{{status}} · ext. {{extension}}',
  'menu.set-available': 'Available',
  'menu.set-not-ready': 'Not ready — {{reason}}',
  'menu.open-main': 'Open main window',
  'menu.open-dashboard': 'Open supervisor dashboard',
  'menu.settings': 'Settings…',
  'menu.quit': 'Quit CTI Launcher',
  'hotkey.taken': 'Hotkey {{accelerator}} is used by another app',
  'hotkey.invalid': 'Hotkey "{{accelerator}}" is not a key combination',
  'dial.question': 'Call {{number}}?',
  'dial.from-link': 'A link asked CTI Launcher to place this call.',
  'dial.from-clipboard': 'This number was in the clipboard.',
  'dial.call': 'Call',
  'dial.cancel': 'Cancel',
  'dial.failed': 'Cannot place the call',
  'dial.no-number': 'No phone number in the clipboard',
  'dial.no-number-hint': 'Copy a phone number (digits, spaces, +, *, #) and press {{accelerator}} again.',
  'notify.missed-call': 'Missed call',
  'notify.callback-due': 'Time to call back',
  'notify.dial-failed': 'The call did not go through',
} as const;

type Key = keyof typeof en;
type Stem<K> = K extends `${infer S}_${'one' | 'other'}` ? S : K;
export type DesktopTextKey = Stem<Key>;
/** Russian and Ukrainian need the "few" and "many" plural forms as well. */
type Translation = Record<Exclude<Key, `${string}_${string}`>, string> & Record<`${Stem<Extract<Key, `${string}_${string}`>>}_${'one' | 'few' | 'many' | 'other'}`, string>;

const ru: Translation = {
  'app.name': 'CTI Launcher',
  'status.available': 'Доступен',
  'status.not-ready': 'Не готов',
  'status.on-call': 'Разговор',
  'status.wrap-up': 'Обработка звонка',
  'status.offline': 'Не в сети',
  'status.error': 'Нет связи с АТС',
  'status.journal-error': 'Действия не сохраняются — см. главное окно',
  'status.detail': '{{status}}: {{detail}}',
  'reason.screen-locked': 'Экран заблокирован',
  'reason.pbx-no-reason': 'пауза на АТС',
  'reason.by-pbx': '{{reason}} (установлено на АТС)',
  'offline.pbx-link': 'АТС недоступна',
  'offline.asleep': 'компьютер в спящем режиме',
  'offline.session-ending': 'выход из системы',
  'offline.logged-off': 'выход из очередей на АТС',
  'link.connecting': 'подключение',
  'link.up': 'подключено',
  'link.down': 'нет связи',
  'tooltip.links': 'АТС: {{pbx}} · CRM: {{crm}}',
  'sync.pending_one': '{{count}} действие ждёт синхронизации',
  'sync.pending_few': '{{count}} действия ждут синхронизации',
  'sync.pending_many': '{{count}} действий ждут синхронизации',
  'sync.pending_other': '{{count}} действия ждут синхронизации',
  'mode.demo': 'Демо-режим',
  'menu.starting': 'Запуск…',
  'menu.status-line': '{{status}} · вн. {{extension}}',
  'menu.set-available': 'Доступен',
  'menu.set-not-ready': 'Не готов — {{reason}}',
  'menu.open-main': 'Открыть главное окно',
  'menu.open-dashboard': 'Открыть панель супервизора',
  'menu.settings': 'Настройки…',
  'menu.quit': 'Выйти из CTI Launcher',
  'hotkey.taken': 'Сочетание {{accelerator}} занято другой программой',
  'hotkey.invalid': '«{{accelerator}}» — не сочетание клавиш',
  'dial.question': 'Позвонить на {{number}}?',
  'dial.from-link': 'Ссылка просит CTI Launcher позвонить на этот номер.',
  'dial.from-clipboard': 'Этот номер был в буфере обмена.',
  'dial.call': 'Позвонить',
  'dial.cancel': 'Отмена',
  'dial.failed': 'Не удалось позвонить',
  'dial.no-number': 'В буфере обмена нет номера телефона',
  'dial.no-number-hint': 'Скопируйте номер (цифры, пробелы, +, *, #) и снова нажмите {{accelerator}}.',
  'notify.missed-call': 'Пропущенный звонок',
  'notify.callback-due': 'Пора перезвонить',
  'notify.dial-failed': 'Звонок не состоялся',
};

const uk: Translation = {
  'app.name': 'CTI Launcher',
  'status.available': 'Доступний',
  'status.not-ready': 'Не готовий',
  'status.on-call': 'Розмова',
  'status.wrap-up': 'Обробка дзвінка',
  'status.offline': 'Не в мережі',
  'status.error': "Немає зв'язку з АТС",
  'status.journal-error': 'Дії не зберігаються — див. головне вікно',
  'status.detail': '{{status}}: {{detail}}',
  'reason.screen-locked': 'Екран заблоковано',
  'reason.pbx-no-reason': 'пауза на АТС',
  'reason.by-pbx': '{{reason}} (встановлено на АТС)',
  'offline.pbx-link': 'АТС недоступна',
  'offline.asleep': "комп'ютер у режимі сну",
  'offline.session-ending': 'вихід із системи',
  'offline.logged-off': 'вихід із черг на АТС',
  'link.connecting': 'підключення',
  'link.up': 'підключено',
  'link.down': "немає зв'язку",
  'tooltip.links': 'АТС: {{pbx}} · CRM: {{crm}}',
  'sync.pending_one': '{{count}} дія чекає на синхронізацію',
  'sync.pending_few': '{{count}} дії чекають на синхронізацію',
  'sync.pending_many': '{{count}} дій чекають на синхронізацію',
  'sync.pending_other': '{{count}} дії чекають на синхронізацію',
  'mode.demo': 'Демо-режим',
  'menu.starting': 'Запуск…',
  'menu.status-line': '{{status}} · вн. {{extension}}',
  'menu.set-available': 'Доступний',
  'menu.set-not-ready': 'Не готовий — {{reason}}',
  'menu.open-main': 'Відкрити головне вікно',
  'menu.open-dashboard': 'Відкрити панель супервізора',
  'menu.settings': 'Налаштування…',
  'menu.quit': 'Вийти з CTI Launcher',
  'hotkey.taken': 'Сполучення {{accelerator}} зайняте іншою програмою',
  'hotkey.invalid': '«{{accelerator}}» — не сполучення клавіш',
  'dial.question': 'Зателефонувати на {{number}}?',
  'dial.from-link': 'Посилання просить CTI Launcher зателефонувати на цей номер.',
  'dial.from-clipboard': 'Цей номер був у буфері обміну.',
  'dial.call': 'Зателефонувати',
  'dial.cancel': 'Скасувати',
  'dial.failed': 'Не вдалося зателефонувати',
  'dial.no-number': 'У буфері обміну немає номера телефону',
  'dial.no-number-hint': 'Скопіюйте номер (цифри, пробіли, +, *, #) і знову натисніть {{accelerator}}.',
  'notify.missed-call': 'Пропущений дзвінок',
  'notify.callback-due': 'Час передзвонити',
  'notify.dial-failed': 'Дзвінок не відбувся',
};

export const desktopResources = { en, ru, uk } as const;

/** 'system' follows the OS language (Electron's app.getLocale()): Russian and Ukrainian when asked for, else English. */
export function resolveDesktopLanguage(setting: LanguageSetting, osLocale: string): DesktopLanguage {
  if (setting !== 'system') return setting;
  const tag = osLocale.toLowerCase();
  if (tag.startsWith('ru')) return 'ru';
  if (tag.startsWith('uk')) return 'uk';
  return 'en';
}

export interface DesktopTexts {
  readonly language: DesktopLanguage;
  t(key: DesktopTextKey, values?: Record<string, string | number>): string;
}

export function createDesktopTexts(language: DesktopLanguage): DesktopTexts {
  const instance: I18n = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: en }, ru: { translation: ru }, uk: { translation: uk } },
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    // Keys are flat ("menu.quit"); the texts go to native menus and dialogs, never into HTML.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  return { language, t: (key, values) => instance.t(key, values ?? {}) };
}
