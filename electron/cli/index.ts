import { runCli } from './main.js';

runCli(process.argv.slice(2), process.env).then((code) => process.exit(code));
