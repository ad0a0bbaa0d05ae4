import type { Logger } from '../../ports.js';
import { AmiClient } from './ami-client.js';
import { AmiActionError, AmiAuthError } from './ami-errors.js';
import { field } from './ami-message.js';
import { describeTarget, type AmiTarget } from './ami-target.js';

export interface Check {
  name: string;
  /** The same texts as keys for the settings page's translations (see ConnectionCheck). */
  say?: { name: string; detail?: string; fix?: string; values?: Record<string, string | number> };
  /** Failed checks make `doctor` exit 1; `info` marks what could not be checked (not a pass). */
  ok: boolean;
  info?: boolean;
  detail: string;
  /** What to do about a failure, in plain words. */
  fix?: string;
}

/** The read actions CTI Launcher needs, with the manager.conf class each one needs. */
const READ_ACTIONS: ReadonlyArray<{ action: string; needs: string }> = [
  { action: 'CoreShowChannels', needs: 'read = call (and system on some versions)' },
  { action: 'Status', needs: 'read = call' },
  { action: 'QueueStatus', needs: 'read = agent' },
];

const MAX_SKEW_MS = 5_000;

/**
 * `cti-launcher doctor` and the settings page's "Test connection": can this desktop reach the PBX, log in, run the actions the app
 * needs, and is the PBX clock close to ours? Each check says what is wrong and how to fix it.
 */
export async function runDoctor(target: AmiTarget, log: Logger, now: () => number = Date.now): Promise<Check[]> {
  const checks: Check[] = [];
  const client = new AmiClient({
    host: target.host,
    port: target.port,
    tls: target.tls,
    username: target.username,
    secret: target.secret,
    events: 'off',
    reconnect: false,
    connectTimeoutMs: 5_000,
    actionTimeoutMs: 5_000,
    log,
  });
  try {
    client.start();
    try {
      await client.ready({ timeoutMs: 8_000 });
      checks.push({ name: 'connect and log in', ok: true, detail: `logged in to ${describeTarget(target)} with an MD5 challenge`, say: { name: 'login', detail: 'loggedIn', values: { target: describeTarget(target) } } });
    } catch (err) {
      const auth = err instanceof AmiAuthError;
      checks.push({
        name: 'connect and log in',
        ok: false,
        detail: (err as Error).message,
        fix: auth
          ? 'check the user and secret in manager.conf, and that this computer\'s address is in its permit= lines'
          : `check that Asterisk listens on ${target.host}:${target.port} (manager.conf: enabled = yes, bindaddr, port${target.tls ? ', tlsenable = yes' : ''}) and that no firewall blocks it`,
        say: { name: 'login', fix: auth ? 'loginRefused' : 'unreachable', values: { host: target.host, port: target.port, settings: `enabled = yes, bindaddr, port${target.tls ? ', tlsenable = yes' : ''}` } },
      });
      return checks;
    }

    const pong = await client.send('Ping');
    const stamp = Number(field(pong, 'Timestamp'));
    if (Number.isFinite(stamp) && stamp > 0) {
      const skew = Math.round(stamp * 1000 - now());
      checks.push({
        name: 'clock skew',
        ok: Math.abs(skew) <= MAX_SKEW_MS,
        detail: `the PBX clock is ${Math.abs(skew)} ms ${skew >= 0 ? 'ahead of' : 'behind'} this computer`,
        fix: 'synchronise both clocks with NTP; call times and durations come from the PBX',
        say: { name: 'clock', detail: skew >= 0 ? 'clockAhead' : 'clockBehind', fix: 'clock', values: { ms: Math.abs(skew) } },
      });
    } else {
      checks.push({ name: 'clock skew', ok: true, info: true, detail: 'the PBX does not report its time in Ping (older Asterisk): not checked', say: { name: 'clock', detail: 'clockUnknown' } });
    }

    for (const { action, needs } of READ_ACTIONS) {
      try {
        const items = await client.sendList(action);
        checks.push({ name: `permission: ${action}`, ok: true, detail: `allowed (${items.length} item${items.length === 1 ? '' : 's'})`, say: { name: 'permission', detail: 'allowed', values: { action, count: items.length } } });
      } catch (err) {
        checks.push({
          name: `permission: ${action}`,
          ok: false,
          detail: (err as Error).message,
          fix: err instanceof AmiActionError ? `give the AMI user ${needs} in manager.conf` : 'the PBX did not answer in time; check its load',
          say: { name: 'permission', fix: err instanceof AmiActionError ? 'grant' : 'slowPbx', values: { action, needs } },
        });
      }
    }
    checks.push({
      name: 'permission: Originate, QueuePause',
      ok: true,
      info: true,
      detail: 'not tried (they would place a call or pause an agent); they need write = originate and write = agent',
      say: { name: 'writePermissions', detail: 'notTried' },
    });
  } finally {
    await client.close();
  }
  return checks;
}

export function formatChecks(checks: readonly Check[]): string {
  return checks
    .map((c) => `${c.info ? 'info' : c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}${!c.ok && c.fix ? `\n     fix: ${c.fix}` : ''}`)
    .join('\n');
}
