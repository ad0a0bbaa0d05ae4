import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi } from '../../shared/contract/bridge.js';
import { createIpcTransport } from './ipc-transport.js';

// `window.cti`: one named method per contract channel, and nothing else.
contextBridge.exposeInMainWorld('cti', createBridgeApi(createIpcTransport(ipcRenderer)));
