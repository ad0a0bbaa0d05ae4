/**
 * The one typed fake of the `electron` module for wiring tests (Electron's binary cannot run
 * here). Use it with `vi.mock('electron', () => import('../fakes/electron.js'))`.
 *
 * Each piece `implements Fakeable<>` (a Partial) of Electron's own type, so a method with a
 * wrong signature is a type error; factories that return Electron objects return this fake's
 * objects instead, with Electron's parameters (`SameParams`).
 *
 * It keeps the Electron rules the wiring depends on: most modules work only after `ready`,
 * `registerSchemesAsPrivileged` only before it; a second `ipcMain.handle` for a channel
 * throws; IPC copies arguments; quitting closes every window and a window that prevents
 * `close` cancels the quit; with no handler set, permissions and window.open are allowed.
 * It records what was called; helpers marked "Test:" do what a page or the OS would.
 * Call `resetElectronFake()` before each test.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type {
  BrowserWindowConstructorOptions,
  LoginItemSettings,
  LoginItemSettingsOptions,
  Point,
  Settings,
  CustomScheme,
  Display,
  HandlerDetails,
  IpcMainInvokeEvent,
  IpcRendererEvent,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
  Rectangle,
  Size,
  WindowOpenHandlerResponse,
} from 'electron';

/**
 * The members of an Electron type a fake may implement, checked against Electron's own
 * signatures. EventEmitter members are Node's (their `this` return cannot be an Electron object).
 */
type Fakeable<T, Except extends keyof T = never> = Partial<Omit<T, keyof NodeJS.EventEmitter | Except>>;

/** Electron's parameters for a function, with the fake's return type. */
type SameParams<F, R> = F extends (...args: infer A) => unknown ? (...args: A) => R : never;

const state = { ready: false };

function requireReady(what: string): void {
  if (!state.ready) throw new Error(`${what} cannot be used before the app is ready`);
}

/** An Electron event object as listeners receive it. */
export function fakeEvent<P extends object = {}>(params?: P): Electron.Event<P> {
  let prevented = false;
  const event = {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
  return Object.assign(event, params) as Electron.Event<P>;
}

// ---------------------------------------------------------------------------------------
// webContents and windows

let nextContentsId = 1;

export class FakeWebContents
  extends EventEmitter
  implements Fakeable<Electron.WebContents>
{
  readonly id = nextContentsId++;
  url = '';
  /** What main sent with `send`, copied the way IPC copies it. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler?: (details: HandlerDetails) => WindowOpenHandlerResponse;
  private destroyed = false;

  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: any[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const copied = structuredClone(args);
    this.sent.push({ channel, args: copied });
    if (ipcRenderer.page?.sender === this) ipcRenderer.deliver(channel, copied);
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  reload(): void {}

  /** Test: the page calls window.open(url); Electron allows it when no handler is set. */
  openWindow(url: string): WindowOpenHandlerResponse {
    const details: HandlerDetails = {
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: this.url, policy: 'strict-origin-when-cross-origin' },
    };
    return this.windowOpenHandler ? this.windowOpenHandler(details) : { action: 'allow' };
  }
  /** Test: a page-initiated navigation or redirect; returns whether it went ahead. */
  navigate(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = fakeEvent({ url, isSameDocument: false, isMainFrame: true, frame: null });
    this.emit(kind, event, url, false, true);
    if (!event.defaultPrevented) this.url = url;
    return !event.defaultPrevented;
  }
  /** Test: the page adds a <webview>; returns whether it was allowed. */
  attachWebview(src: string): boolean {
    const event = fakeEvent();
    this.emit('will-attach-webview', event, {}, { src });
    return !event.defaultPrevented;
  }
  /** Test (and windows): the page is gone. */
  destroyForTest(): void {
    this.destroyed = true;
    this.emit('destroyed', fakeEvent());
  }
}

export class BrowserWindow extends EventEmitter implements Fakeable<Electron.BrowserWindow, 'webContents'> {
  /** Every window created since the last reset, in order. */
  static readonly created: BrowserWindow[] = [];

  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents: Electron.WebContents): BrowserWindow | null {
    return BrowserWindow.getAllWindows().find((w) => w.webContents.id === contents.id) ?? null;
  }

  readonly options: BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents();
  /** show, showInactive, focus, hide, restore, close, destroy — in call order. */
  readonly calls: string[] = [];
  /** Every URL given to loadURL, in order. */
  readonly loadedUrls: string[] = [];
  /** The level of the last setAlwaysOnTop(true, level) (Electron's default is 'floating'). */
  alwaysOnTopLevel: string | undefined;
  private visible: boolean;
  private focused = false;
  private minimized = false;
  private destroyed = false;
  private alwaysOnTop: boolean;
  private bounds: Rectangle;

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super();
    requireReady('BrowserWindow');
    this.options = options;
    this.visible = options.show !== false;
    this.alwaysOnTop = options.alwaysOnTop === true;
    this.alwaysOnTopLevel = this.alwaysOnTop ? 'floating' : undefined;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    BrowserWindow.created.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.url = url;
    queueMicrotask(() => {
      if (this.destroyed) return;
      this.webContents.emit('did-finish-load', fakeEvent());
      this.emit('ready-to-show', fakeEvent());
    });
    return Promise.resolve();
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
    this.focused = true;
    this.minimized = false;
  }
  showInactive(): void {
    this.calls.push('showInactive');
    this.visible = true;
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isAlwaysOnTop(): boolean {
    return this.alwaysOnTop;
  }
  setAlwaysOnTop(flag: boolean, level?: Parameters<Electron.BrowserWindow['setAlwaysOnTop']>[1]): void {
    this.alwaysOnTop = flag;
    this.alwaysOnTopLevel = flag ? (level ?? 'floating') : undefined;
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  getSize(): number[] {
    return [this.bounds.width, this.bounds.height];
  }
  setSize(width: number, height: number): void {
    this.bounds = { ...this.bounds, width, height };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: 'close' first, which a listener may prevent. */
  close(): void {
    if (this.destroyed) return;
    this.calls.push('close');
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.calls.push('destroy');
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyForTest();
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.lastWindowClosed();
  }
}

// ---------------------------------------------------------------------------------------
// tray, menus, images

export class FakeNativeImage implements Partial<Electron.NativeImage> {
  constructor(readonly path: string) {}

  /** Empty unless the file is a PNG (what the tray icons are). */
  isEmpty(): boolean {
    return this.getSize().width === 0;
  }
  getSize(): Size {
    try {
      const head = readFileSync(this.path).subarray(0, 24);
      if (head.subarray(1, 4).toString('ascii') !== 'PNG' || head.subarray(12, 16).toString('ascii') !== 'IHDR') {
        return { width: 0, height: 0 };
      }
      return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
    } catch {
      return { width: 0, height: 0 };
    }
  }
}

class FakeNativeImageModule {
  createFromPath: SameParams<typeof Electron.nativeImage.createFromPath, FakeNativeImage> = (path) =>
    new FakeNativeImage(path);
  createEmpty: SameParams<typeof Electron.nativeImage.createEmpty, FakeNativeImage> = () => new FakeNativeImage('');
}
export const nativeImage = new FakeNativeImageModule();

function asImage(image: Electron.NativeImage | string): FakeNativeImage {
  return typeof image === 'string' ? new FakeNativeImage(image) : (image as unknown as FakeNativeImage);
}

export class Menu extends EventEmitter implements Fakeable<Electron.Menu, 'items'> {
  static readonly built: Menu[] = [];
  /** What `setApplicationMenu` was given; undefined when never called. */
  static applicationMenu: Menu | null | undefined;

  static buildFromTemplate(template: Array<MenuItemConstructorOptions | Electron.MenuItem>): Menu {
    const menu = new Menu(template as MenuItemConstructorOptions[]);
    Menu.built.push(menu);
    return menu;
  }
  static setApplicationMenu(menu: Electron.Menu | null): void {
    Menu.applicationMenu = menu as unknown as Menu | null;
  }

  popups = 0;

  constructor(readonly template: MenuItemConstructorOptions[]) {
    super();
  }

  popup(_options?: Electron.PopupOptions): void {
    this.popups++;
  }

  /** Test: the item with this id or label. */
  item(idOrLabel: string): MenuItemConstructorOptions {
    const found = this.template.find((i) => i.id === idOrLabel || i.label === idOrLabel);
    if (!found) throw new Error(`no menu item "${idOrLabel}" in [${this.template.map((i) => i.label ?? i.type).join(', ')}]`);
    return found;
  }
  /** Test: the user clicks an item (a disabled item cannot be clicked). */
  click(idOrLabel: string): void {
    const item = this.item(idOrLabel);
    if (item.enabled === false) throw new Error(`menu item "${idOrLabel}" is disabled`);
    item.click?.(item as unknown as Electron.MenuItem, undefined, {});
  }
}

export class Tray extends EventEmitter implements Fakeable<Electron.Tray> {
  static readonly created: Tray[] = [];

  image: FakeNativeImage;
  tooltip = '';
  menu: Menu | null = null;
  /** setImage, setToolTip, setContextMenu — in call order. */
  readonly calls: string[] = [];
  private destroyed = false;

  constructor(image: Electron.NativeImage | string, _guid?: string) {
    super();
    requireReady('Tray');
    this.image = asImage(image);
    Tray.created.push(this);
  }

  setImage(image: Electron.NativeImage | string): void {
    this.calls.push('setImage');
    this.image = asImage(image);
  }
  setToolTip(toolTip: string): void {
    this.calls.push('setToolTip');
    this.tooltip = toolTip;
  }
  setContextMenu(menu: Electron.Menu | null): void {
    this.calls.push('setContextMenu');
    this.menu = menu as unknown as Menu | null;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Test: a left click on the icon. */
  click(): void {
    this.emit('click', fakeEvent(), { x: 0, y: 0, width: 16, height: 16 }, { x: 8, y: 8 });
  }
}

// ---------------------------------------------------------------------------------------
// IPC

export interface InvokeSource {
  sender: FakeWebContents;
  /** The sending frame's URL; default: the sender's URL; null: the frame is gone. */
  frameUrl?: string | null;
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any;

class FakeIpcMain extends EventEmitter implements Fakeable<Electron.IpcMain> {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Test: an `ipcRenderer.invoke` from a page. Arguments and result are copied like IPC copies them. */
  async invoke(channel: string, from: InvokeSource, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const url = from.frameUrl === undefined ? from.sender.url : from.frameUrl;
    const senderFrame = url === null ? null : { url, origin: safeOrigin(url), parent: null, top: null };
    const event = Object.assign(fakeEvent(), {
      sender: from.sender,
      senderFrame,
      frameId: 1,
      processId: 1,
      type: 'frame' as const,
    }) as unknown as IpcMainInvokeEvent;
    try {
      return structuredClone(await handler(event, ...structuredClone(args)));
    } catch (err) {
      throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
    }
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

class FakeIpcRenderer extends EventEmitter implements Fakeable<Electron.IpcRenderer> {
  /** The page this renderer is: its webContents and frame URL, as `ipcMain` sees them. */
  page?: InvokeSource;
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];

  invoke(channel: string, ...args: any[]): Promise<any> {
    this.invocations.push({ channel, args });
    if (!this.page) return Promise.reject(new Error('fake ipcRenderer: no page connected (set ipcRenderer.page)'));
    return ipcMain.invoke(channel, this.page, ...args);
  }
  /** What `webContents.send` to this page does. */
  deliver(channel: string, args: unknown[]): void {
    const event = { sender: this, ports: [] } as unknown as IpcRendererEvent;
    this.emit(channel, event, ...args);
  }
}

class FakeContextBridge implements Partial<Electron.ContextBridge> {
  /** What the preload put on `window`. */
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(apiKey: string, api: any): void {
    if (this.exposed.has(apiKey)) throw new Error('Cannot bind an API on top of an existing property on the window object');
    this.exposed.set(apiKey, api);
  }
}

export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = new FakeContextBridge();

// ---------------------------------------------------------------------------------------
// protocol, session

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class FakeProtocol implements Partial<Electron.Protocol> {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    if (state.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...customSchemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    requireReady('protocol.handle');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  /** Test: what a page's request for `url` gets from the registered handler. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url, init));
  }
}
export const protocol = new FakeProtocol();

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Electron.Session['setDevicePermissionHandler']>[0];
export type RequestedPermission = Parameters<NonNullable<PermissionRequestHandler>>[1];
export type CheckedPermission = Parameters<NonNullable<PermissionCheckHandler>>[1];

class FakeSession extends EventEmitter implements Fakeable<Electron.Session> {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  devicePermissionHandler: DevicePermissionHandler = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.devicePermissionHandler = handler;
  }

  /** Test: a page asks for a permission; Electron grants it when no handler is set. */
  requestPermission(contents: FakeWebContents, permission: RequestedPermission): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) =>
      handler(contents as unknown as Electron.WebContents, permission, resolve, {
        isMainFrame: true,
        requestingUrl: contents.url,
      }),
    );
  }
  /** Test: a page checks a permission; Electron allows it when no handler is set. */
  checkPermission(contents: FakeWebContents, permission: CheckedPermission): boolean {
    const handler = this.permissionCheckHandler;
    if (!handler) return true;
    return handler(contents as unknown as Electron.WebContents, permission, safeOrigin(contents.url), {
      isMainFrame: true,
      requestingUrl: contents.url,
      embeddingOrigin: safeOrigin(contents.url),
    });
  }
  /** Test: a page asks for a HID/serial/USB device; allowed when no handler is set. */
  checkDevicePermission(contents: FakeWebContents): boolean {
    const handler = this.devicePermissionHandler;
    if (!handler) return true;
    return handler({ deviceType: 'usb', origin: safeOrigin(contents.url), device: {} as Electron.USBDevice });
  }
}

const defaultSession = new FakeSession();
class FakeSessionModule {
  get defaultSession(): FakeSession {
    requireReady('session.defaultSession');
    return defaultSession;
  }
}
export const session = new FakeSessionModule();

// ---------------------------------------------------------------------------------------
// app, dialog, power, screen, safeStorage, notifications

type PathName = Parameters<Electron.App['getPath']>[0];

class FakeApp extends EventEmitter implements Fakeable<Electron.App> {
  isPackaged = false;
  /** What `requestSingleInstanceLock` answers. */
  singleInstanceLock = true;
  appPath = process.cwd();
  version = '0.0.0-test';
  userModelId: string | undefined;
  sandboxEnabled = false;
  exitCode: number | undefined;
  quitCalls = 0;
  /** What `getLocale` answers (the OS UI language). */
  locale = 'en-US';
  /** Every `setLoginItemSettings` call, in order. */
  readonly loginItemCalls: Settings[] = [];
  /** macOS: whether this run was started as a login item. */
  wasOpenedAtLogin = false;
  private loginItem: Settings = {};
  /** Link schemes this app is registered for (setAsDefaultProtocolClient). */
  readonly protocolClients = new Set<string>();
  /** Schemes the OS refuses to register (a policy, say). */
  readonly refusedProtocols = new Set<string>();
  /** True once a quit went through (nothing prevented it). */
  quitted = false;
  private readonly paths = new Map<string, string>();
  private closingForQuit = false;

  getPath(name: PathName): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`fake app: path "${name}" is not set (call app.setPath first)`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return this.version;
  }
  getName(): string {
    return 'CTI Launcher';
  }
  getLocale(): string {
    return this.locale;
  }
  setLoginItemSettings(settings: Settings): void {
    this.loginItemCalls.push(structuredClone(settings));
    this.loginItem = { ...settings };
  }
  getLoginItemSettings(_options?: LoginItemSettingsOptions): LoginItemSettings {
    const openAtLogin = this.loginItem.openAtLogin === true;
    return {
      openAtLogin,
      openAsHidden: false,
      wasOpenedAtLogin: this.wasOpenedAtLogin,
      wasOpenedAsHidden: false,
      restoreState: false,
      status: openAtLogin ? 'enabled' : 'not-registered',
      executableWillLaunchAtLogin: openAtLogin,
      launchItems: [],
    };
  }
  isDefaultProtocolClient(protocol: string): boolean {
    return this.protocolClients.has(protocol);
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    if (this.refusedProtocols.has(protocol)) return false;
    this.protocolClients.add(protocol);
    return true;
  }
  requestSingleInstanceLock(_additionalData?: Record<any, any>): boolean {
    return this.singleInstanceLock;
  }
  setAppUserModelId(id: string): void {
    this.userModelId = id;
  }
  enableSandbox(): void {
    if (state.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  isReady(): boolean {
    return state.ready;
  }
  whenReady(): Promise<void> {
    return Promise.resolve().then(() => {
      if (state.ready) return;
      state.ready = true;
      this.emit('ready', fakeEvent(), {});
    });
  }
  /** Like Electron: 'before-quit' (preventable), then every window is closed (a window can refuse). */
  quit(): void {
    this.quitCalls++;
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.closingForQuit = true;
    for (const win of BrowserWindow.getAllWindows()) win.close();
    this.closingForQuit = false;
    if (BrowserWindow.getAllWindows().length > 0) return;
    this.emit('will-quit', fakeEvent());
    this.quitted = true;
  }
  /** Like Electron: with no 'window-all-closed' listener, closing the last window quits. */
  lastWindowClosed(): void {
    if (this.closingForQuit) return;
    if (this.listenerCount('window-all-closed') === 0) this.quit();
    else this.emit('window-all-closed', fakeEvent());
  }
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
  }

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.singleInstanceLock = true;
    this.appPath = process.cwd();
    this.userModelId = undefined;
    this.sandboxEnabled = false;
    this.exitCode = undefined;
    this.quitCalls = 0;
    this.locale = 'en-US';
    this.loginItemCalls.length = 0;
    this.loginItem = {};
    this.protocolClients.clear();
    this.refusedProtocols.clear();
    this.wasOpenedAtLogin = false;
    this.quitted = false;
    this.closingForQuit = false;
    this.paths.clear();
  }
}
export const app = new FakeApp();

class FakeDialog implements Partial<Electron.Dialog> {
  readonly errorBoxes: Array<{ title: string; content: string }> = [];
  readonly messageBoxes: Electron.MessageBoxOptions[] = [];
  /** Index of the button the fake user presses in the next message boxes. */
  answer = 0;

  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }

  showMessageBox(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue>;
  showMessageBox(window: Electron.BaseWindow, options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue>;
  async showMessageBox(
    first: Electron.MessageBoxOptions | Electron.BaseWindow,
    second?: Electron.MessageBoxOptions,
  ): Promise<Electron.MessageBoxReturnValue> {
    this.messageBoxes.push(second ?? (first as Electron.MessageBoxOptions));
    return { response: this.answer, checkboxChecked: false };
  }
}
export const dialog = new FakeDialog();

class FakePowerMonitor extends EventEmitter implements Fakeable<Electron.PowerMonitor> {
  onBatteryPower = false;
}
export const powerMonitor = new FakePowerMonitor();

function fakeDisplay(id: number, bounds: Rectangle, workArea: Rectangle, label: string): Display {
  return {
    accelerometerSupport: 'unknown',
    bounds: { ...bounds },
    colorDepth: 24,
    colorSpace: 'srgb',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    id,
    internal: false,
    label,
    maximumCursorSize: { width: 64, height: 64 },
    monochrome: false,
    nativeOrigin: { x: bounds.x, y: bounds.y },
    rotation: 0,
    scaleFactor: 1,
    size: { width: bounds.width, height: bounds.height },
    touchSupport: 'unknown',
    workArea: { ...workArea },
    workAreaSize: { width: workArea.width, height: workArea.height },
  };
}

const overlap = (a: Rectangle, b: Rectangle): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

class FakeScreen extends EventEmitter implements Fakeable<Electron.Screen> {
  /** The primary display's work area (1920x1080 with a 40px taskbar by default). */
  workArea: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 };
  /** Test: more monitors, after the primary one (ids 2, 3, …). */
  secondary: Array<{ bounds: Rectangle; workArea: Rectangle }> = [];
  /** Test: where the mouse pointer is. */
  cursor: Point = { x: 100, y: 100 };

  getPrimaryDisplay(): Display {
    requireReady('screen');
    return fakeDisplay(1, { x: 0, y: 0, width: 1920, height: 1080 }, this.workArea, 'Fake display');
  }
  getAllDisplays(): Display[] {
    requireReady('screen');
    return [this.getPrimaryDisplay(), ...this.secondary.map((d, i) => fakeDisplay(i + 2, d.bounds, d.workArea, `Fake display ${i + 2}`))];
  }
  getCursorScreenPoint(): Point {
    requireReady('screen');
    return { ...this.cursor };
  }
  getDisplayNearestPoint(point: Point): Display {
    const distance = ({ bounds: b }: Display) =>
      Math.hypot(Math.max(b.x - point.x, 0, point.x - (b.x + b.width - 1)), Math.max(b.y - point.y, 0, point.y - (b.y + b.height - 1)));
    return this.getAllDisplays().reduce((best, d) => (distance(d) < distance(best) ? d : best));
  }
  getDisplayMatching(rect: Rectangle): Display {
    return this.getAllDisplays().reduce((best, d) => (overlap(d.bounds, rect) > overlap(best.bounds, rect) ? d : best));
  }
}
export const screen = new FakeScreen();

type StorageBackend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;
const SEALED = Buffer.from('v11');

/** Reversible but not plain text, so tests can tell sealed bytes from the secret. */
const scramble = (bytes: Buffer): Buffer => Buffer.from(bytes.map((b, i) => b ^ (0x5a + (i % 7))));

class FakeSafeStorage implements Partial<Electron.SafeStorage> {
  available = true;
  backend: StorageBackend = 'gnome_libsecret';

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) {
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    }
    return Buffer.concat([SEALED, scramble(Buffer.from(plainText, 'utf8'))]);
  }
  decryptString(encrypted: Buffer): string {
    if (!this.available || !encrypted.subarray(0, SEALED.length).equals(SEALED)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return scramble(encrypted.subarray(SEALED.length)).toString('utf8');
  }
}
export const safeStorage = new FakeSafeStorage();

export class Notification extends EventEmitter implements Fakeable<Electron.Notification> {
  static supported = true;
  static readonly shown: Notification[] = [];

  static isSupported(): boolean {
    return Notification.supported;
  }

  title: string;
  body: string;

  constructor(options: NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
  }
  show(): void {
    Notification.shown.push(this);
    this.emit('show', fakeEvent());
  }
  close(): void {
    this.emit('close', fakeEvent());
  }
  /** Test: the user clicks the notification. */
  click(): void {
    this.emit('click', fakeEvent());
  }
}

class FakeClipboard implements Partial<Electron.Clipboard> {
  text = '';

  readText(_type?: 'selection' | 'clipboard'): string {
    return this.text;
  }
  writeText(text: string, _type?: 'selection' | 'clipboard'): void {
    this.text = text;
  }
}
export const clipboard = new FakeClipboard();

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter', 'up', 'down',
  'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
]);

/** Like Electron's accelerator parser: modifiers joined by "+", then exactly one key. */
function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()?.toLowerCase() ?? '';
  if (!parts.every((p) => MODIFIERS.has(p.toLowerCase()))) return false;
  return /^[a-z0-9]$/.test(key) || /^f([1-9]|1[0-9]|2[0-4])$/.test(key) || /^[)!@#$%^&*(:;<=>?`~|\\[\]{}',./-]$/.test(key) || NAMED_KEYS.has(key);
}

class FakeGlobalShortcut implements Partial<Electron.GlobalShortcut> {
  readonly registered = new Map<string, () => void>();
  /** Test: accelerators another application holds (register answers false). */
  readonly takenByOthers = new Set<string>();

  register(accelerator: string, callback: () => void): boolean {
    requireReady('globalShortcut');
    if (!isAccelerator(accelerator)) throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    if (this.takenByOthers.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
  unregisterAll(): void {
    this.registered.clear();
  }

  /** Test: the user presses the key combination anywhere on the desktop. */
  press(accelerator: string): void {
    const callback = this.registered.get(accelerator);
    if (!callback) throw new Error(`nothing is registered for ${accelerator}`);
    callback();
  }
}
export const globalShortcut = new FakeGlobalShortcut();

class FakeShell implements Fakeable<Electron.Shell> {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}
export const shell = new FakeShell();

// ---------------------------------------------------------------------------------------

/** Back to a fresh, not-yet-ready Electron. */
export function resetElectronFake(): void {
  state.ready = false;
  app.reset();
  BrowserWindow.created.length = 0;
  Tray.created.length = 0;
  Menu.built.length = 0;
  Menu.applicationMenu = undefined;
  Notification.shown.length = 0;
  Notification.supported = true;
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.page = undefined;
  ipcRenderer.invocations.length = 0;
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  defaultSession.setPermissionRequestHandler(null);
  defaultSession.setPermissionCheckHandler(null);
  defaultSession.setDevicePermissionHandler(null);
  defaultSession.removeAllListeners();
  dialog.errorBoxes.length = 0;
  dialog.messageBoxes.length = 0;
  dialog.answer = 0;
  powerMonitor.removeAllListeners();
  shell.opened.length = 0;
  screen.workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  screen.secondary = [];
  screen.cursor = { x: 100, y: 100 };
  clipboard.text = '';
  globalShortcut.registered.clear();
  globalShortcut.takenByOthers.clear();
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
}

/** Test: the app is ready (what `await app.whenReady()` does). */
export async function makeReady(): Promise<void> {
  await app.whenReady();
}
