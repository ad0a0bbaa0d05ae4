import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { ipcEventName, ipcInvokeName } from '../../shared/contract/channel-names.js';
import type { ClientTransport, WireResult } from '../../shared/contract/bridge.js';

/** The contract carried over Electron IPC: one ipc channel per contract channel. */
export function createIpcTransport(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): ClientTransport {
  return {
    async invoke(channel, payload) {
      try {
        return (await ipc.invoke(ipcInvokeName(channel), payload)) as WireResult;
      } catch (err) {
        return { ok: false, error: { code: 'transport', message: err instanceof Error ? err.message : String(err) } };
      }
    },
    subscribe(event, listener) {
      const name = ipcEventName(event);
      // Pages never see the IpcRendererEvent (it carries the sender and ports).
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipc.on(name, forward);
      return () => {
        ipc.removeListener(name, forward);
      };
    },
  };
}
