import { describe, expect, it } from 'vitest';
import { ExtensionStates } from '../../../electron/core/pbx/asterisk/extension-states.js';
import { ami } from './ami-builders.js';

const status = (exten: string, code: string) => ami({ Event: 'ExtensionStatus', Exten: exten, Context: 'ext-local', Hint: `SIP/${exten}`, Status: code });

describe('extension states (colleagues\' lamps)', () => {
  it('maps Asterisk\'s state bits and reports only changes', () => {
    const states = new ExtensionStates();
    const seen = [
      ['102', '0'],
      ['102', '0'],
      ['102', '8'],
      ['102', '9'],
      ['102', '1'],
      ['102', '17'],
      ['102', '2'],
      ['102', '4'],
      ['102', '-1'],
    ].flatMap(([e, s]) => states.handle(status(e!, s!), 5));
    expect(seen.map((e) => e.type === 'device-state' && e.state)).toEqual(['idle', 'ringing', 'in-use', 'on-hold', 'busy', 'unavailable', 'unknown']);
  });

  it('ignores packets without a usable extension or status', () => {
    const states = new ExtensionStates();
    expect(states.handle(ami({ Event: 'ExtensionStatus', Status: '0' }), 1)).toEqual([]);
    expect(states.handle(ami({ Event: 'ExtensionStatus', Exten: '102', Status: 'x' }), 1)).toEqual([]);
    expect(states.handle(ami({ Event: 'ExtensionStatus', Exten: '10 2', Status: '0' }), 1)).toEqual([]);
  });

  it('reports every extension again after a resync', () => {
    const states = new ExtensionStates();
    states.handle(status('102', '1'), 1);
    expect(states.resync([status('102', '1'), status('103', '0')], 2)).toEqual([
      { type: 'device-state', extension: '102', state: 'in-use', at: 2 },
      { type: 'device-state', extension: '103', state: 'idle', at: 2 },
    ]);
  });
});
