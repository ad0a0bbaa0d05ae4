import { describe, expect, it, vi } from 'vitest';
import { eventChannelNames, eventMethodName, invokeChannelNames } from '../../shared/contract/channels.js';
import { createContractServer, createEventHub, createInMemoryTransport, type ContractHandlers } from '../../shared/contract/rpc.js';
import { ContractError, createBridgeApi } from '../../shared/contract/bridge.js';
import type { AppSnapshot } from '../../shared/contract/schemas.js';
import { snapshot } from '../fakes/snapshots.js';
import { stubHandlers } from '../fakes/contract-handlers.js';

const sampleSnapshot: AppSnapshot = snapshot();

function handlers(overrides: Partial<ContractHandlers> = {}): ContractHandlers {
  return stubHandlers({
    getSnapshot: () => sampleSnapshot,
    setStatus: (choice) => ({ extension: '101', ...choice, screenLocked: false }),
    dial: ({ number }) => ({ callId: `call-${number}` }),
    retryLookup: () => undefined,
    dismissCall: () => undefined,
    ...overrides,
  });
}

describe('typed IPC contract', () => {
  it('gives the bridge exactly one named method per channel and nothing generic', () => {
    const hub = createEventHub();
    const api = createBridgeApi(createInMemoryTransport(createContractServer(handlers()), hub));
    expect(Object.keys(api).sort()).toEqual([...invokeChannelNames, ...eventChannelNames.map(eventMethodName)].sort());
    expect(api).not.toHaveProperty('invoke');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('runs invokes through validation to the handler and back', async () => {
    const dial = vi.fn(({ number }: { number: string }) => ({ callId: `c-${number}` }));
    const api = createBridgeApi(createInMemoryTransport(createContractServer(handlers({ dial })), createEventHub()));
    await expect(api.dial({ number: ' +74951234567 ' })).resolves.toEqual({ callId: 'c-+74951234567' });
    expect(dial).toHaveBeenCalledWith({ number: '+74951234567' });
    await expect(api.getSnapshot()).resolves.toEqual(sampleSnapshot);
  });

  it('refuses bad payloads with a readable message before any handler runs', async () => {
    const dial = vi.fn();
    const server = createContractServer(handlers({ dial }));
    const bad = await server.handle('dial', { number: '8495; rm -rf /' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(!bad.ok && bad.error.message).toContain('number: only digits');
    expect(await server.handle('dial', { number: '+7495', extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await server.handle('setStatus', { status: 'on-call' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await server.handle('eval', {})).toMatchObject({ ok: false, error: { code: 'bad-channel' } });
    expect(await server.handle('__proto__', {})).toMatchObject({ ok: false, error: { code: 'bad-channel' } });
    expect(dial).not.toHaveBeenCalled();
  });

  it('turns handler failures into ContractError on the client', async () => {
    const api = createBridgeApi(
      createInMemoryTransport(
        createContractServer(handlers({ dial: () => { throw new ContractError('failed', 'The PBX is offline'); } })),
        createEventHub(),
      ),
    );
    await expect(api.dial({ number: '101' })).rejects.toMatchObject({ name: 'ContractError', code: 'failed', message: 'The PBX is offline' });
  });

  it('refuses a handler result that breaks the contract instead of passing it on', async () => {
    const server = createContractServer(handlers({ getSnapshot: () => ({ nonsense: true }) as unknown as AppSnapshot }));
    expect(await server.handle('getSnapshot', undefined)).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('delivers pushed events to subscribers until they unsubscribe', () => {
    const hub = createEventHub();
    const api = createBridgeApi(createInMemoryTransport(createContractServer(handlers()), hub));
    const seen: string[] = [];
    const off = api.onSnapshot((s) => seen.push(s.agent.status));
    hub.publish('snapshot', sampleSnapshot);
    off();
    hub.publish('snapshot', sampleSnapshot);
    expect(seen).toEqual(['available']);
    expect(() => hub.publish('snapshot', { ...sampleSnapshot, mode: 'weird' } as unknown as AppSnapshot)).toThrow();
  });
});

describe('the WebSocket framing', () => {
  it('carries a void result (JSON drops the undefined value), so the caller is answered', async () => {
    const { wsServerMessageSchema } = await import('../../shared/contract/wire.js');
    const sent = JSON.parse(JSON.stringify({ t: 'result', id: 2, result: { ok: true, value: undefined } }));
    expect(sent).toEqual({ t: 'result', id: 2, result: { ok: true } });
    expect(wsServerMessageSchema.parse(sent)).toEqual({ t: 'result', id: 2, result: { ok: true } });
  });
});
