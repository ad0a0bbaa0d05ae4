import { describe, expect, it } from 'vitest';
import { CallbackTasks, type MissedCall } from '../../../electron/core/callbacks/callback-tasks.js';

const HOUR = 3_600_000;
const missed = (patch: Partial<MissedCall> = {}): MissedCall => ({
  callId: 'c1',
  at: 10 * HOUR,
  e164: '+74951234567',
  display: '+7 495 123-45-67',
  ...patch,
});

function tasks() {
  let n = 0;
  return new CallbackTasks(() => `t${++n}`);
}

describe('callback tasks', () => {
  it('makes one open task per number, counting repeated misses', () => {
    const list = tasks();
    expect(list.noteMissed(missed()).kind).toBe('created');
    const again = list.noteMissed(missed({ callId: 'c2', at: 11 * HOUR, customerName: 'Анна' }));
    expect(again).toMatchObject({ kind: 'missed-again', task: { id: 't1', missedCount: 2, lastCallId: 'c2', firstMissedAt: 10 * HOUR, lastMissedAt: 11 * HOUR, customerName: 'Анна' } });
    list.noteMissed(missed({ callId: 'c3', e164: '+380441234567', display: '+380 44 123 4567' }));
    expect(list.list(12 * HOUR).map((t) => [t.id, t.status])).toEqual([
      ['t1', 'open'],
      ['t2', 'open'],
    ]);
  });

  it('is done when the operator marks it, once', () => {
    const list = tasks();
    list.noteMissed(missed());
    expect(list.complete('t1', 12 * HOUR)).toMatchObject({ kind: 'done', task: { status: 'done', doneAt: 12 * HOUR, doneBy: 'manual' } });
    expect(list.complete('t1', 13 * HOUR)).toBeUndefined();
    expect(list.complete('nope', 13 * HOUR)).toBeUndefined();
  });

  it('is done when a call with the number is answered, and a later miss opens a new task', () => {
    const list = tasks();
    list.noteMissed(missed());
    expect(list.noteAnswered('+74950000000', 11 * HOUR)).toBeUndefined();
    expect(list.noteAnswered('+74951234567', 11 * HOUR)).toMatchObject({ task: { id: 't1', doneBy: 'answered' } });
    expect(list.noteMissed(missed({ callId: 'c9', at: 12 * HOUR }))).toMatchObject({ kind: 'created', task: { id: 't2' } });
    expect(list.list(12 * HOUR).map((t) => t.id)).toEqual(['t2', 't1']);
  });

  it('lists open tasks oldest first, then tasks done in the last day newest first', () => {
    const list = tasks();
    list.noteMissed(missed({ e164: '+1', at: 3 * HOUR }));
    list.noteMissed(missed({ e164: '+2', at: 1 * HOUR }));
    list.noteMissed(missed({ e164: '+3', at: 2 * HOUR }));
    list.noteMissed(missed({ e164: '+4', at: 2 * HOUR }));
    list.complete('t3', 5 * HOUR);
    list.complete('t4', 6 * HOUR);
    expect(list.list(7 * HOUR).map((t) => t.e164)).toEqual(['+2', '+1', '+4', '+3']);
    expect(list.list(30 * HOUR).map((t) => t.e164)).toEqual(['+2', '+1']);
  });

  it('stays bounded, dropping the oldest done tasks first', () => {
    const list = tasks();
    for (let i = 0; i < 520; i++) {
      list.noteMissed(missed({ e164: `+7${i}`, at: i }));
      if (i < 30) list.complete(`t${i + 1}`, 1000 + i);
    }
    const all = list.list(2000);
    expect(all).toHaveLength(500);
    expect(all.filter((t) => t.status === 'open')).toHaveLength(490);
    expect(all.some((t) => t.e164 === '+70')).toBe(false);
  });

  it('takes a call back the operator sets for a time, joining the number\'s open task', () => {
    const list = tasks();
    const set = list.schedule({ callId: 'c9', at: 9 * HOUR, e164: '+380441234567', display: '+380 44 123 4567', customerName: 'Олена', dueAt: 15 * HOUR, note: 'about the refund' });
    expect(set).toMatchObject({ kind: 'created', task: { id: 't1', missedCount: 0, firstMissedAt: 9 * HOUR, dueAt: 15 * HOUR, note: 'about the refund', status: 'open', lastCallId: 'c9' } });
    list.noteMissed(missed()); // another number, missed at 10:00: due since then, so before the 15:00 task
    expect(list.list(12 * HOUR).map((t) => t.id)).toEqual(['t2', 't1']);

    const joined = list.schedule({ callId: 'c10', at: 12 * HOUR, e164: '+74951234567', display: '+7 495 123-45-67', dueAt: 9 * HOUR + 30 * 60_000 });
    expect(joined).toMatchObject({ kind: 'scheduled', task: { id: 't2', missedCount: 1, dueAt: 9.5 * HOUR } });
    expect(joined.task).not.toHaveProperty('note');
    // a miss after the operator set the time keeps the time and the note
    expect(list.noteMissed(missed({ callId: 'c11', e164: '+380441234567', display: '+380 44 123 4567', at: 13 * HOUR }))).toMatchObject({
      kind: 'missed-again',
      task: { id: 't1', missedCount: 1, dueAt: 15 * HOUR, note: 'about the refund' },
    });
  });
});
