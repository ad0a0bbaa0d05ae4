import type { AppSnapshot } from '../../shared/contract/schemas.js';

/** A valid snapshot (the contract's event schema accepts it): an idle demo operator, plus `patch`. */
export function snapshot(patch: Partial<AppSnapshot> = {}): AppSnapshot {
  return {
    version: '0.1.0',
    mode: 'demo',
    pbxKind: 'demo',
    crmKind: 'embedded',
    agent: { extension: '101', status: 'available', screenLocked: false },
    links: { pbx: 'up', crm: 'up' },
    capabilities: {
      dial: true,
      hangup: true,
      blindTransfer: true,
      attendedTransfer: true,
      hold: false,
      spy: true,
      createContact: true,
      search: true,
    },
    activeCalls: [],
    recentCalls: [],
    callbacks: [],
    ui: { language: 'system', theme: 'system' },
    reasons: [
      { code: 'break', label: { en: 'Break', ru: 'Перерыв', uk: 'Перерва' } },
      { code: 'lunch', label: { en: 'Lunch', ru: 'Обед', uk: 'Обід' } },
    ],
    topics: ['Delivery', 'Billing', 'New customer'],
    sync: { pending: 0, dead: 0, state: 'idle' },
    cardWindow: { pinned: false, size: 'expanded' },
    ...patch,
  };
}
