// Benchmark: ring → card frame visible, → card filled (the customer's name, company and city on
// screen) and → card complete (orders, invoices, history), in Chromium through the browser host,
// with an Asterisk (the in-repo AMI server replaying a recorded call) and a REST CRM on
// loopback answering after 20 ms. Run with `npm run bench -- pop-browser` (builds the app
// first if needed); writes test-results/bench/pop-browser.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeAmiServer, transcriptBody } from '../fakes/fake-ami-server.js';
import { acmeConfig, RestCrmServer } from '../fakes/rest-crm-server.js';
import { launchChromium, repo, startHostProcess } from '../e2e/host-process.js';
import { percentile, writeBenchResult } from './bench-result.js';

const CALLS = 200;
const CRM_LATENCY_MS = 20;
const SECRET = 'bench-secret';

// The host under test is the built one: build it from this checkout first.
if (spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0) throw new Error('the build failed');

const crm = await RestCrmServer.start();
crm.latencyMs = CRM_LATENCY_MS;
const ami = await FakeAmiServer.start({ users: { cti: SECRET } });
const dir = mkdtempSync(join(tmpdir(), 'cti-bench-pop-browser-'));
writeFileSync(
  join(dir, 'config.json'),
  JSON.stringify({
    pbx: { type: 'asterisk', host: '127.0.0.1', port: ami.port, username: 'cti', secretEnv: 'CTI_BENCH_AMI_SECRET', interfaces: ['SIP/101'] },
    crm: { ...acmeConfig(crm.url), rateLimit: { requests: 1000, perSeconds: 1 }, timeoutMs: 5000 },
    pop: { cacheTtlSeconds: 0, hideAfterSeconds: 1 },
    presence: { wrapUpSeconds: 0 },
    log: { level: 'warn' },
  }),
);
process.env.CTI_USER_CONFIG = join(dir, 'config.json');
process.env.CTI_BENCH_AMI_SECRET = SECRET;
const host = await startHostProcess();
const browser = await launchChromium();
await ami.waitForLogins(1, 15_000);

const page = await (await browser.newContext({ viewport: { width: 420, height: 620 } })).newPage();
// The page notes, by its own clock, when each call's card first shows each stage; its clock and
// ours read the same system time (timeOrigin + now), so no message hop is counted.
type Marks = Record<string, { frame?: number; filled?: number; complete?: number }>;
await page.addInitScript(() => {
  const marks: Marks = {};
  (window as unknown as { __ctiMarks: Marks }).__ctiMarks = marks;
  const report = () => {
    const at = performance.timeOrigin + performance.now();
    for (const panel of document.querySelectorAll<HTMLElement>('.call-panel[data-call-id]')) {
      const entry = (marks[panel.dataset.callId!] ??= {});
      const state = panel.querySelector<HTMLElement>('[data-testid="lookup-state"]')?.dataset.state;
      entry.frame ??= at;
      if (state === 'matched' || state === 'found') entry.filled ??= at;
      if (state === 'found') entry.complete ??= at;
    }
  };
  new MutationObserver(report).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-call-id'] });
});
await page.goto(host.urls.card);
await page.getByTestId('card-root').waitFor();

// The recorded call in two parts: up to the agent answering (the phone rings), then the rest.
const body = transcriptBody('01-inbound-answered.ami').toString('latin1');
const answerAt = body.indexOf('Event: DialEnd');
if (answerAt < 0) throw new Error('the recording has no DialEnd');
const ringing = body.slice(0, answerAt);
const rest = body.slice(answerAt);
const frame: number[] = [];
const filled: number[] = [];
const complete: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const tag = `1795${String(100000 + i).slice(1)}`.padEnd(10, '0');
  const callId = `calllab-${tag}.1`;
  const t0 = performance.timeOrigin + performance.now();
  for (const connection of ami.connections) connection.send(Buffer.from(ringing.replaceAll('1795361249', tag), 'latin1'));
  const entry = await page
    .waitForFunction(
      (id) => {
        const marks = (window as unknown as { __ctiMarks: Marks }).__ctiMarks[id];
        return marks?.complete ? marks : undefined;
      },
      callId,
      { timeout: 10_000, polling: 'raf' },
    )
    .then((handle) => handle.jsonValue() as Promise<Required<Marks[string]>>)
    .catch(() => {
      throw new Error(`call ${i} (${callId}) was not shown and filled within 10 s`);
    });
  frame.push(entry.frame - t0);
  filled.push(entry.filled - t0);
  complete.push(entry.complete - t0);
  for (const connection of ami.connections) connection.send(Buffer.from(rest.replaceAll('1795361249', tag), 'latin1'));
}

await browser.close();
await host.stop();
await ami.close();
await crm.close();

writeBenchResult(
  'pop-browser',
  {
    'pop.frame_p50_ms': percentile(frame, 50),
    'pop.frame_p95_ms': percentile(frame, 95),
    'pop.filled_p50_ms': percentile(filled, 50),
    'pop.filled_p95_ms': percentile(filled, 95),
    'pop.complete_p50_ms': percentile(complete, 50),
    'pop.complete_p95_ms': percentile(complete, 95),
  },
  { calls: CALLS, crmLatencyMs: CRM_LATENCY_MS, crmRoundTripsToName: 1, crmRoundTripsToCard: 2 },
);
