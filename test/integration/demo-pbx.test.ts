import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/log.js';
import { DemoPbx } from '../../electron/core/pbx/demo-pbx.js';
import type { CallEvent } from '../../shared/domain/call-events.js';
import { startHarness, type Harness } from '../fakes/core-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('demo PBX with the sample CRM', () => {
  it('rings with realistic calls that pop filled cards, and leaves nothing stuck', async () => {
    const events: CallEvent[] = [];
    h = await startHarness({
      pbx: (clock, crm) => {
        const pbx = new DemoPbx({ clock, log: silentLogger, callIntervalMs: 10_000, firstCallMs: 2_000, seed: 5, knownNumbers: crm.samplePhones(300) });
        pbx.onCallEvent((e) => events.push(e));
        return pbx;
      },
      config: { pop: { hideAfterSeconds: 0 } },
    });
    expect(h.windows.shown).toBe(0);
    await h.clock.advance(2_000);
    expect(h.core.snapshot().activeCalls).toHaveLength(1); // the first call rings quickly after start
    await h.clock.advance(30 * 60_000);

    const snap = h.core.snapshot();
    const rings = events.filter((e) => e.type === 'ringing');
    const ends = events.filter((e) => e.type === 'ended');
    expect(rings.length).toBeGreaterThan(40);
    expect(ends.length).toBeGreaterThanOrEqual(rings.length - 1);
    expect(snap.activeCalls.length).toBeLessThanOrEqual(1);
    const reasons = new Set(ends.map((e) => e.type === 'ended' && e.reason));
    for (const r of ['completed', 'abandoned', 'answered-elsewhere', 'missed']) expect(reasons).toContain(r);
    const lookups = new Set(snap.recentCalls.map((c) => c.lookup.status));
    expect(lookups).toContain('found');
    expect(lookups).toContain('not-found');
    expect(snap.recentCalls.every((c) => c.lookup.status !== 'looking' && c.lookup.status !== 'error')).toBe(true);
  });

  it('does not ring a paused operator, and answers click-to-call', async () => {
    let pbx!: DemoPbx;
    h = await startHarness({
      pbx: (clock, crm) => (pbx = new DemoPbx({ clock, log: silentLogger, callIntervalMs: 5_000, firstCallMs: 60_000, seed: 1, knownNumbers: crm.samplePhones(10) })),
    });
    await h.api.setStatus({ status: 'not-ready', reason: 'break' });
    await h.clock.advance(5 * 60_000);
    expect(h.core.snapshot().recentCalls).toHaveLength(0);
    expect(h.core.snapshot().agent).toMatchObject({ status: 'not-ready', reason: 'break' });

    const { callId } = await h.api.dial({ number: '+79161234567' });
    expect(h.core.snapshot().activeCalls[0]).toMatchObject({ id: callId, direction: 'outbound', phase: 'ringing' });
    await h.clock.advance(2_000);
    expect(h.core.snapshot().activeCalls[0]!.phase).toBe('connected');
    await h.clock.advance(30_000);
    expect(h.core.snapshot().recentCalls[0]).toMatchObject({ id: callId, endReason: 'completed' });
    expect(pbx.kind).toBe('demo');
  });
});
