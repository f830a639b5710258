/**
 * The preload: builds `window.yj` (YjBridge) and nothing else. It runs sandboxed, so it is
 * bundled into one CommonJS file whose only require is 'electron'. It imports only electron
 * and the contract (the contract's types vanish; two channel-name strings remain).
 *
 * What it never does: expose ipcRenderer, a channel name chosen by the page, or the
 * IpcRendererEvent (its `sender` is ipcRenderer itself).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type AppEvent, type YjBridge } from './contract';

const bridge: YjBridge = {
  invoke(route, input) {
    return ipcRenderer.invoke(INVOKE_CHANNEL, route, input);
  },

  onEvent(listener) {
    const relay = (_event: IpcRendererEvent, message: unknown): void => {
      if (typeof message !== 'object' || message === null) return;
      const { event, payload } = message as { event?: unknown; payload?: unknown };
      if (typeof event !== 'string') return;
      listener({ event, payload } as AppEvent);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('yj', bridge);
