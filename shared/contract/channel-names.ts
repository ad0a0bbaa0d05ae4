/**
 * Channel names alone, without their schemas, so that the preload bundle stays small.
 * channels.ts pairs each name with its zod schemas and fails to compile if they drift apart.
 */
export const invokeChannelNames = [
  'getSnapshot',
  'setStatus',
  'endWrapUp',
  'extendWrapUp',
  'dial',
  'hangup',
  'transfer',
  'retryLookup',
  'chooseCustomer',
  'createContact',
  'loadOrders',
  'dismissCall',
  'setCardWindow',
  'callBack',
  'completeCallback',
  'scheduleCallback',
  'searchCustomers',
  'setCallTopic',
  'trackView',
  'saveNote',
  'history',
  'exportHistory',
  'deadLetters',
  'retryDeadLetter',
  'getSettings',
  'saveSettings',
  'testConnection',
] as const;
export const eventChannelNames = ['snapshot'] as const;

export type InvokeChannel = (typeof invokeChannelNames)[number];
export type EventChannel = (typeof eventChannelNames)[number];

/** Name of the Electron IPC channel that carries a contract channel. */
export const ipcInvokeName = (c: InvokeChannel): string => `cti:invoke:${c}`;
export const ipcEventName = (e: EventChannel): string => `cti:event:${e}`;
export const eventMethodName = (e: EventChannel): string => `on${e.charAt(0).toUpperCase()}${e.slice(1)}`;
