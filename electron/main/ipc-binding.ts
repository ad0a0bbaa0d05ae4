import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { invokeChannelNames, ipcEventName, ipcInvokeName } from '../../shared/contract/channels.js';
import type { WireResult } from '../../shared/contract/bridge.js';
import type { Core } from '../core/app.js';
import type { Logger } from '../core/ports.js';
import { isAppUrl } from './app-origin.js';
import type { AppWindows } from './secure-window.js';

export interface IpcBindingOptions {
  core: Pick<Core, 'server' | 'events'>;
  windows: Pick<AppWindows, 'owns' | 'liveContents'>;
  log: Logger;
}

/** Why an invoke must be refused, or undefined when it comes from one of our app pages. */
export function senderProblem(event: IpcMainInvokeEvent, owns: (contents: WebContents) => boolean): string | undefined {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (!isAppUrl(frame.url)) return `the sender is not an app page (${frame.url})`;
  if (!owns(event.sender)) return 'the sender is not an app window';
  return undefined;
}

/**
 * One ipcMain handler per contract channel: sender checked first, then the contract server
 * validates the payload. Core events go to every live app window. Returns the undo.
 */
export function bindIpc({ core, windows, log }: IpcBindingOptions): () => void {
  for (const channel of invokeChannelNames) {
    ipcMain.handle(ipcInvokeName(channel), (event, payload: unknown): Promise<WireResult> | WireResult => {
      const problem = senderProblem(event, windows.owns);
      if (problem) {
        log.warn({ channel, problem }, 'refused an IPC call');
        return { ok: false, error: { code: 'forbidden', message: `${channel}: this page may not use the app` } };
      }
      return core.server.handle(channel, payload);
    });
  }
  const unlisten = core.events.listen((event, payload) => {
    const name = ipcEventName(event);
    for (const contents of windows.liveContents()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(name, payload);
    }
  });
  return () => {
    unlisten();
    for (const channel of invokeChannelNames) ipcMain.removeHandler(ipcInvokeName(channel));
  };
}
