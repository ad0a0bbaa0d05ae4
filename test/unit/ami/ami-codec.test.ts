import { describe, expect, it } from 'vitest';
import { AmiDecoder, AmiEncodeError, encodeAction, type AmiDrop } from '../../../electron/core/pbx/ami/ami-codec.js';
import { field, type AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';

function decodeAll(input: string | Buffer, options: { maxPacketBytes?: number } = {}): { messages: AmiMessage[]; drops: AmiDrop[]; decoder: AmiDecoder } {
  const drops: AmiDrop[] = [];
  const decoder = new AmiDecoder({ ...options, onDrop: (d) => drops.push(d) });
  return { messages: decoder.push(input), drops, decoder };
}

const plain = (m: AmiMessage): Record<string, string[]> => Object.fromEntries([...m.fields].map(([k, v]) => [k, [...v]]));

describe('AmiDecoder', () => {
  it('exposes the greeting and does not report it as a packet', () => {
    const { messages, decoder, drops } = decodeAll('Asterisk Call Manager/9.0.0\r\nResponse: Success\r\nActionID: 1\r\n\r\n');
    expect(decoder.greeting).toBe('Asterisk Call Manager/9.0.0');
    expect(messages.map(plain)).toEqual([{ Response: ['Success'], ActionID: ['1'] }]);
    expect(drops).toEqual([]);
  });

  it('accepts CRLF, bare LF and both mixed in one packet', () => {
    const crlf = decodeAll('Event: A\r\nX: 1\r\n\r\n').messages;
    const lf = decodeAll('Event: A\nX: 1\n\n').messages;
    const mixed = decodeAll('Event: A\r\nX: 1\n\r\n').messages;
    expect(crlf.map(plain)).toEqual([{ Event: ['A'], X: ['1'] }]);
    expect(lf.map(plain)).toEqual(crlf.map(plain));
    expect(mixed.map(plain)).toEqual(crlf.map(plain));
  });

  it('gives the same packets whatever byte the stream is split at (inside CRLF, inside UTF-8)', () => {
    const text = 'Asterisk Call Manager/9.0.0\r\nEvent: Newchannel\r\nCallerIDName: Иван Петров 📞\r\nExten: 101\r\n\r\nEvent: Hangup\r\nCause-txt: Normal Clearing\r\n\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const whole = decodeAll(bytes).messages.map(plain);
    expect(whole[0]!.CallerIDName).toEqual(['Иван Петров 📞']);
    for (let a = 1; a < bytes.length; a++) {
      for (const b of [a + 1, a + 3, bytes.length]) {
        const decoder = new AmiDecoder();
        const got = [...decoder.push(bytes.subarray(0, a)), ...decoder.push(bytes.subarray(a, b)), ...decoder.push(bytes.subarray(b))];
        expect(got.map(plain)).toEqual(whole);
        expect(decoder.greeting).toBe('Asterisk Call Manager/9.0.0');
      }
    }
  });

  it('returns many packets from one chunk, ignoring extra blank lines between them', () => {
    const chunk = Array.from({ length: 18 }, (_, i) => `Event: E${i}\r\nN: ${i}\r\n\r\n`).join('\r\n');
    const { messages, drops } = decodeAll(chunk);
    expect(messages.map((m) => field(m, 'Event'))).toEqual(Array.from({ length: 18 }, (_, i) => `E${i}`));
    expect(drops).toEqual([]);
  });

  it('keeps every value of a repeated key, in order', () => {
    const { messages } = decodeAll('Event: VarSet\r\nChanVariable: a=1\r\nChanVariable: b=2\r\nChanVariable: c=3\r\n\r\n');
    expect(messages[0]!.fields.get('ChanVariable')).toEqual(['a=1', 'b=2', 'c=3']);
    expect(field(messages[0]!, 'chanvariable')).toBe('a=1');
  });

  it("splits at the first ': ' so values keep theirs; empty values stay empty", () => {
    const { messages } = decodeAll('Event: UserEvent\r\nData: key: value: more\r\nAccountCode: \r\nBare:\r\nTight:x\r\n\r\n');
    expect(plain(messages[0]!)).toEqual({ Event: ['UserEvent'], Data: ['key: value: more'], AccountCode: [''], Bare: [''], Tight: ['x'] });
  });

  it('passes unknown events through untouched', () => {
    const { messages } = decodeAll('Event: SomethingNewInAsterisk23\r\nFoo-Bar: baz\r\n\r\n');
    expect(plain(messages[0]!)).toEqual({ Event: ['SomethingNewInAsterisk23'], 'Foo-Bar': ['baz'] });
  });

  it('collects Response: Follows output verbatim up to --END COMMAND--', () => {
    const text =
      'Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\n' +
      'Name/username             Host                                    Dyn\r\n' +
      '101/101                   127.0.0.1                                D\r\n' +
      '\r\n' +
      'Status: looks like a header but is output\r\n' +
      '2 sip peers--END COMMAND--\r\n\r\n' +
      'Event: After\r\n\r\n';
    const { messages, drops } = decodeAll(text);
    expect(messages).toHaveLength(2);
    expect(plain(messages[0]!)).toEqual({ Response: ['Follows'], Privilege: ['Command'], ActionID: ['7'] });
    expect(messages[0]!.output).toEqual([
      'Name/username             Host                                    Dyn',
      '101/101                   127.0.0.1                                D',
      '',
      'Status: looks like a header but is output',
      '2 sip peers',
    ]);
    expect(field(messages[1]!, 'Event')).toBe('After');
    expect(drops).toEqual([]);
  });

  it('accepts --END COMMAND-- on its own line too', () => {
    const { messages } = decodeAll('Response: Follows\nActionID: 1\nline one\n--END COMMAND--\n\n');
    expect(messages[0]!.output).toEqual(['line one']);
  });

  it('drops a line without a colon outside command output, with a reason, and keeps the packet', () => {
    const { messages, drops } = decodeAll('Event: Hangup\r\nthis is not a header\r\nCause: 16\r\n\r\n');
    expect(plain(messages[0]!)).toEqual({ Event: ['Hangup'], Cause: ['16'] });
    expect(drops).toEqual([expect.objectContaining({ reason: 'line-without-colon' })]);
    expect(drops[0]!.detail).toContain('this is not a header');
  });

  it('reports a packet made only of junk lines and carries on', () => {
    const { messages, drops } = decodeAll('hello\r\nworld\r\n\r\nEvent: Ok\r\n\r\n');
    expect(messages.map((m) => field(m, 'Event'))).toEqual(['Ok']);
    expect(drops.map((d) => d.reason)).toEqual(['line-without-colon', 'line-without-colon', 'no-fields']);
  });

  it('drops a packet with control characters and resynchronises at the next blank line', () => {
    const { messages, drops } = decodeAll('Event: A\r\nX: \u0000\u0001\u0002\r\nY: still the bad packet\r\n\r\nEvent: B\r\n\r\n');
    expect(messages.map((m) => field(m, 'Event'))).toEqual(['B']);
    expect(drops.map((d) => d.reason)).toEqual(['garbage']);
  });

  it('treats a CR inside a line as garbage (no real AMI line has one)', () => {
    const { messages, drops } = decodeAll('Event: A\r\nX: 1\rY: 2\r\n\r\nEvent: B\n\n');
    expect(messages.map((m) => field(m, 'Event'))).toEqual(['B']);
    expect(drops.map((d) => d.reason)).toEqual(['garbage']);
  });

  it('drops a Response: Follows whose output never ends, once it passes the size limit', () => {
    const { messages, drops, decoder } = decodeAll(`Response: Follows\nActionID: 1\n${'line: of output\n'.repeat(200)}--END COMMAND--\n\nEvent: Next\n\n`, { maxPacketBytes: 256 });
    expect(drops.map((d) => d.reason)).toEqual(['oversized']);
    expect(messages.map((m) => field(m, 'Event'))).toEqual(['Next']);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('keeps a packet with invalid UTF-8 (legacy 8-bit caller names) using U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('Event: Newchannel\r\nCallerIDName: '), Buffer.from([0xc8, 0xe2, 0xe0, 0xed]), Buffer.from('\r\n\r\n')]);
    const { messages, drops } = decodeAll(bytes);
    expect(field(messages[0]!, 'CallerIDName')).toMatch(/^\ufffd+$/);
    expect(drops).toEqual([]);
  });

  it('drops an oversized packet, never buffering more than the maximum, then resynchronises', () => {
    const drops: AmiDrop[] = [];
    const decoder = new AmiDecoder({ maxPacketBytes: 1024, onDrop: (d) => drops.push(d) });
    const out: AmiMessage[] = [];
    out.push(...decoder.push('Event: Big\r\nData: '));
    for (let i = 0; i < 200; i++) {
      out.push(...decoder.push('x'.repeat(100)));
      expect(decoder.bufferedBytes).toBeLessThanOrEqual(1024);
    }
    out.push(...decoder.push('\r\nMore: y\r\n'));
    expect(decoder.bufferedBytes).toBeLessThanOrEqual(1024);
    out.push(...decoder.push('\r\nEvent: Small\r\n\r\n'));
    expect(out.map((m) => field(m, 'Event'))).toEqual(['Small']);
    expect(drops.map((d) => d.reason)).toEqual(['oversized']);
    expect(decoder.droppedPackets).toBe(1);
  });

  it('drops a packet whose many small lines add up past the maximum', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `Key${i}: ${'v'.repeat(20)}\r\n`).join('');
    const { messages, drops, decoder } = decodeAll(`Event: Many\r\n${lines}\r\nEvent: Next\r\n\r\n`, { maxPacketBytes: 512 });
    expect(messages.map((m) => field(m, 'Event'))).toEqual(['Next']);
    expect(drops.map((d) => d.reason)).toEqual(['oversized']);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('finds the resynchronising blank line even when it is split across chunks', () => {
    const decoder = new AmiDecoder({ maxPacketBytes: 128 });
    const parts = ['Event: Big\r\nData: ', 'y'.repeat(300), '\r', '\n', '\r', '\nEvent: Ok\r\n', '\r\n'];
    const out = parts.flatMap((p) => decoder.push(p));
    expect(out.map((m) => field(m, 'Event'))).toEqual(['Ok']);
  });
});

describe('encodeAction', () => {
  it('writes Action first, then fields in order, CRLF endings and a blank line', () => {
    expect(encodeAction('QueuePause', { ActionID: 'a-1', Interface: 'SIP/101', Paused: true, Penalty: 3, Reason: undefined })).toBe(
      'Action: QueuePause\r\nActionID: a-1\r\nInterface: SIP/101\r\nPaused: true\r\nPenalty: 3\r\n\r\n',
    );
  });

  it('repeats a key for array values (e.g. Originate Variable)', () => {
    expect(encodeAction('Originate', { Variable: ['A=1', 'B=2'] })).toBe('Action: Originate\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n');
    expect(encodeAction('Ping')).toBe('Action: Ping\r\n\r\n');
  });

  it('refuses CR or LF in values (header injection), without echoing the value', () => {
    for (const evil of ['x\r\nAction: Originate', 'x\nAction: Originate', 'x\r']) {
      let error: unknown;
      try {
        encodeAction('Login', { Username: 'cti', Secret: evil });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AmiEncodeError);
      expect((error as Error).message).toMatch(/Login: value of Secret contains a line break/);
      expect((error as Error).message).not.toContain('Action: Originate');
    }
    expect(() => encodeAction('Originate', { Variable: ['ok', 'bad\n'] })).toThrow(AmiEncodeError);
  });

  it('refuses bad names and keys, and a second Action field', () => {
    expect(() => encodeAction('Ping\r\nAction: Originate')).toThrow(/not a valid action name/);
    expect(() => encodeAction('Ping', { 'Bad Key': '1' })).toThrow(/not a valid AMI key/);
    expect(() => encodeAction('Ping', { 'Key:': '1' })).toThrow(/not a valid AMI key/);
    expect(() => encodeAction('Ping', { action: 'Originate' })).toThrow(/"Action" cannot be given/);
  });

  it('round-trips through the decoder', () => {
    const wire = encodeAction('Originate', { Channel: 'SIP/101', Exten: '79161234567', Variable: ['A=1', 'B=x: y'], Async: true });
    const [m] = new AmiDecoder().push(wire);
    expect(plain(m!)).toEqual({ Action: ['Originate'], Channel: ['SIP/101'], Exten: ['79161234567'], Variable: ['A=1', 'B=x: y'], Async: ['true'] });
  });
});
