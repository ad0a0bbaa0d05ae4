import { startApp } from './start-app.js';

// The Electron main bundle's entry (dist/electron/main.js); everything else is in start-app.ts.
void startApp();
