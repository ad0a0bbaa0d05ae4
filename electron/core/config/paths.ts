import { join } from 'node:path';

export const PRODUCT_NAME = 'CTI Launcher';

/** Where per-user data lives when Electron's app.getPath is not available (browser host, CLI). */
export function defaultUserDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (env.CTI_USER_DATA) return env.CTI_USER_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}
