import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CountryCode } from 'libphonenumber-js/min';
import { defaultUserDataDir } from '../core/config/paths.js';
import { formatReport, ImportFileError, importFiles, rejectedRows } from '../core/crm/crm-import.js';
import { EmbeddedCrm } from '../core/crm/embedded-crm.js';
import { systemClock, type Logger } from '../core/ports.js';
import { AsteriskPbx } from '../core/pbx/asterisk-pbx.js';
import { formatChecks, runDoctor } from '../core/pbx/ami/ami-doctor.js';
import { describeTarget, parseAmiUrl, PbxUrlError, type AmiTarget } from './pbx-url.js';

const USAGE = `Usage:
  cti-launcher monitor --pbx ami://USER[:SECRET]@HOST[:PORT] --agent SIP/101 [--agent …] [--queue support]
      prints one JSON line per call or agent event of those interfaces until Ctrl+C
  cti-launcher doctor --pbx ami://USER[:SECRET]@HOST[:PORT]
      checks reachability, login, permissions and clock skew, and says how to fix what is wrong
  cti-launcher crm import [--customers FILE] [--orders FILE] [--invoices FILE] [--db FILE] [--region RU]
      imports CSV (header row) or JSON files into the embedded CRM; reports every rejected row;
      --db defaults to crm.sqlite in the app's user data folder; --region is the country of
      numbers written without a country code
The secret may be left out of the URL and given in CTI_AMI_SECRET (--secret-env NAME to change).
Use amis:// for AMI over TLS.`;

class UsageError extends Error {}

function crmImport(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new UsageError(`unknown crm command "${sub ?? ''}": use crm import`);
  const files = { customers: values(rest, '--customers')[0], orders: values(rest, '--orders')[0], invoices: values(rest, '--invoices')[0] };
  if (!files.customers && !files.orders && !files.invoices) throw new UsageError('crm import needs --customers, --orders and/or --invoices');
  const region = (values(rest, '--region')[0] ?? 'RU').toUpperCase();
  if (!/^[A-Z]{2}$/.test(region)) throw new UsageError(`--region must be a two-letter country code such as RU or UA (got "${region}")`);
  const db = values(rest, '--db')[0] ?? join(defaultUserDataDir(process.platform, env, homedir()), 'crm.sqlite');
  const crm = EmbeddedCrm.open(db);
  try {
    const report = importFiles(crm, files, { region: region as CountryCode });
    process.stdout.write(`${db}\n${formatReport(report)}\n`);
    return rejectedRows(report) === 0 ? 0 : 1;
  } finally {
    void crm.close();
  }
}

function values(argv: readonly string[], name: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === name && argv[i + 1]) out.push(argv[i + 1]!);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  });
  return out;
}

/** Errors and progress go to stderr, secrets masked; stdout carries only the command's output. */
const stderrLog: Logger = {
  debug() {},
  info() {},
  warn: (obj, msg) => process.stderr.write(`warn: ${msg ?? ''} ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n`),
  error: (obj, msg) => process.stderr.write(`error: ${msg ?? ''} ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n`),
};

async function monitor(target: AmiTarget, agents: string[], queue: string | undefined): Promise<void> {
  if (agents.length === 0) throw new PbxUrlError('monitor needs at least one --agent, e.g. --agent SIP/101');
  const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const pbx = new AsteriskPbx({
    client: { host: target.host, port: target.port, tls: target.tls, username: target.username, secret: target.secret },
    interfaces: agents,
    originateContext: 'from-internal',
    maxInternalDigits: 5,
    clock: systemClock,
    log: stderrLog,
  });
  pbx.onLinkState((state) => print({ kind: 'link', state, pbx: describeTarget(target) }));
  pbx.onCallEvent((event) => print({ kind: 'call', ...event }));
  pbx.onAgentEvent((event) => {
    if (!queue || !('queue' in event) || event.queue === undefined || event.queue === queue) print({ kind: 'agent', ...event });
  });
  await pbx.connect();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await pbx.disconnect();
}

export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === 'crm') {
    try {
      return crmImport(rest, env);
    } catch (err) {
      process.stderr.write(`cti-launcher: ${(err as Error).message}\n`);
      return err instanceof UsageError ? 2 : err instanceof ImportFileError ? 2 : 1;
    }
  }
  try {
    const pbxUrl = values(rest, '--pbx')[0];
    if (command !== 'monitor' && command !== 'doctor') throw new PbxUrlError(`unknown command "${command}"\n${USAGE}`);
    if (!pbxUrl) throw new PbxUrlError(`${command} needs --pbx ami://USER@HOST[:PORT]`);
    const target = parseAmiUrl(pbxUrl, env, values(rest, '--secret-env')[0] ?? 'CTI_AMI_SECRET');
    if (command === 'monitor') {
      await monitor(target, values(rest, '--agent'), values(rest, '--queue')[0]);
      return 0;
    }
    const checks = await runDoctor(target, stderrLog);
    process.stdout.write(`${formatChecks(checks)}\n`);
    return checks.every((c) => c.ok) ? 0 : 1;
  } catch (err) {
    process.stderr.write(`cti-launcher: ${(err as Error).message}\n`);
    return 2;
  }
}
