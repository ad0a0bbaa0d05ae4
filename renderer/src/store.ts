import { create } from 'zustand';
import type { CtiApi } from '../../shared/contract/bridge.js';
import type { InvokeInput } from '../../shared/contract/channels.js';
import type { AppSnapshot } from '../../shared/contract/schemas.js';

/** A mirror of the core's state: the core owns it, windows only render it. */
export interface AppState {
  snapshot: AppSnapshot | null;
  /** Why the first snapshot could not be loaded (cleared once one arrives). */
  connectionError: string | null;
  /** The last failed action, for the window to show until dismissed. */
  actionError: string | null;
}

export const useAppStore = create<AppState>()(() => ({
  snapshot: null,
  connectionError: null,
  actionError: null,
}));

let boundApi: CtiApi | null = null;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Binds the store to the bridge: pushed snapshots always win; the initial getSnapshot() is
 * used only if nothing was pushed meanwhile, and is retried until the core answers.
 */
export function startMirroring(api: CtiApi, retryMs = 2000): () => void {
  boundApi = api;
  let stopped = false;
  let pushed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const unsubscribe = api.onSnapshot((snapshot) => {
    pushed = true;
    useAppStore.setState({ snapshot, connectionError: null });
  });

  const load = async () => {
    try {
      const snapshot = await api.getSnapshot();
      if (stopped || pushed) return;
      useAppStore.setState({ snapshot, connectionError: null });
    } catch (err) {
      if (stopped || pushed) return;
      useAppStore.setState({ connectionError: messageOf(err) });
      timer = setTimeout(() => void load(), retryMs);
    }
  };
  void load();

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    unsubscribe();
    if (boundApi === api) boundApi = null;
  };
}

/** Runs one API call; a failure is kept as actionError. Resolves to whether it succeeded. */
async function run(call: (api: CtiApi) => Promise<unknown>): Promise<boolean> {
  if (!boundApi) {
    useAppStore.setState({ actionError: 'Not connected to CTI Launcher' });
    return false;
  }
  try {
    await call(boundApi);
    useAppStore.setState({ actionError: null });
    return true;
  } catch (err) {
    useAppStore.setState({ actionError: messageOf(err) });
    return false;
  }
}

export const setStatus = (choice: InvokeInput<'setStatus'>) => run((api) => api.setStatus(choice));
export const endWrapUp = () => run((api) => api.endWrapUp());
export const extendWrapUp = (seconds: number) => run((api) => api.extendWrapUp({ seconds }));
export const dial = (number: string) => run((api) => api.dial({ number }));
export const retryLookup = (callId: string) => run((api) => api.retryLookup({ callId }));
export const dismissCall = (callId: string) => run((api) => api.dismissCall({ callId }));
export const clearActionError = () => useAppStore.setState({ actionError: null });

export const callBack = (taskId: string) => run((api) => api.callBack({ taskId }));
export const completeCallback = (taskId: string) => run((api) => api.completeCallback({ taskId }));

/** One API call whose answer the window needs (forms): failures are thrown for the form to show. */
export async function request<T>(call: (api: CtiApi) => Promise<T>): Promise<T> {
  if (!boundApi) throw new Error('Not connected to CTI Launcher');
  return call(boundApi);
}

// The card's actions.
export const hangup = (callId: string) => run((api) => api.hangup({ callId }));
export const transfer = (callId: string, target: string, kind: 'blind' | 'attended') => run((api) => api.transfer({ callId, target, kind }));
export const chooseCustomer = (callId: string, ref: string) => run((api) => api.chooseCustomer({ callId, ref }));
export const setCallTopic = (callId: string, topic: string | null) => run((api) => api.setCallTopic({ callId, topic }));
export const trackView = (input: InvokeInput<'trackView'>) => run((api) => api.trackView(input));
export const setCardWindow = (input: InvokeInput<'setCardWindow'>) => run((api) => api.setCardWindow(input));
