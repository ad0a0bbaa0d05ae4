// `npm run preview`: the browser host (real core in Node, UI in any browser on 127.0.0.1).
import { join } from 'node:path';
import { build, ensureDependencies, root, run } from './lib/bootstrap.mjs';

ensureDependencies();
build();
process.exit(run(process.execPath, [join(root, 'dist', 'host', 'host.mjs'), ...process.argv.slice(2)]));
