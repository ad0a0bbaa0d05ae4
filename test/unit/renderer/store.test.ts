import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CtiApi } from '../../../shared/contract/bridge.js';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { dial, startMirroring, useAppStore } from '../../../renderer/src/store.js';
import { snapshot } from './fixtures.js';

function fakeApi(getSnapshot: () => Promise<AppSnapshot>) {
  let push: (s: AppSnapshot) => void = () => {};
  const api = {
    getSnapshot: vi.fn(getSnapshot),
    onSnapshot: vi.fn((listener: (s: AppSnapshot) => void) => {
      push = listener;
      return () => {};
    }),
    setStatus: vi.fn(),
    dial: vi.fn(async () => {
      throw new Error('PBX refused the call');
    }),
    retryLookup: vi.fn(),
    dismissCall: vi.fn(),
  };
  return { api: api as unknown as CtiApi, push: (s: AppSnapshot) => push(s), mock: api };
}

let stop = () => {};
afterEach(() => {
  stop();
  useAppStore.setState({ snapshot: null, connectionError: null, actionError: null });
  vi.useRealTimers();
});

describe('renderer store', () => {
  it('mirrors getSnapshot, and a pushed snapshot wins over a late getSnapshot answer', async () => {
    let answer: (s: AppSnapshot) => void = () => {};
    const { api, push } = fakeApi(() => new Promise((r) => (answer = r)));
    stop = startMirroring(api);
    push(snapshot({ version: 'pushed' }));
    answer(snapshot({ version: 'stale' }));
    await Promise.resolve();
    expect(useAppStore.getState().snapshot?.version).toBe('pushed');
  });

  it('shows why the first snapshot failed and retries', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const { api } = fakeApi(async () => {
      calls += 1;
      if (calls === 1) throw new Error('Connection to CTI Launcher was lost');
      return snapshot();
    });
    stop = startMirroring(api, 500);
    await vi.advanceTimersByTimeAsync(0);
    expect(useAppStore.getState().connectionError).toBe('Connection to CTI Launcher was lost');
    await vi.advanceTimersByTimeAsync(500);
    expect(useAppStore.getState()).toMatchObject({ connectionError: null, snapshot: { version: '0.1.0' } });
  });

  it('keeps a refused action\'s message', async () => {
    const { api, mock } = fakeApi(async () => snapshot());
    stop = startMirroring(api);
    expect(await dial('+79161234567')).toBe(false);
    expect(mock.dial).toHaveBeenCalledWith({ number: '+79161234567' });
    expect(useAppStore.getState().actionError).toBe('PBX refused the call');
  });
});
