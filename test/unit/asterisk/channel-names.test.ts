import { describe, expect, it } from 'vitest';
import { AgentLine } from '../../../electron/core/pbx/asterisk/agent-line.js';
import {
  deviceOf,
  extensionOf,
  localSibling,
  normaliseInterface,
} from '../../../electron/core/pbx/asterisk/channel-names.js';

describe('Asterisk channel names', () => {
  it('strips the channel counter to get the device', () => {
    expect(deviceOf('SIP/101-0000000a')).toBe('SIP/101');
    expect(deviceOf('PJSIP/101-0000001f')).toBe('PJSIP/101');
    expect(deviceOf('SIP/pstn-in-00000001')).toBe('SIP/pstn-in');
    expect(deviceOf('Local/103@agents-00000000;1')).toBe('Local/103@agents');
    // An interface name is left alone even when it ends in something hex-looking.
    expect(deviceOf('PJSIP/front-desk')).toBe('PJSIP/front-desk');
  });

  it('names the extension behind a channel or interface', () => {
    expect(extensionOf('SIP/101-0000000a')).toBe('101');
    expect(extensionOf('Local/103@agents-00000000;2')).toBe('103');
    expect(extensionOf('PJSIP/101')).toBe('101');
    expect(extensionOf('Local/101@agents/n')).toBe('101');
  });

  it('pairs the two halves of a Local channel', () => {
    expect(localSibling('Local/103@agents-00000000;1')).toBe('Local/103@agents-00000000;2');
    expect(localSibling('Local/103@agents-00000000;2')).toBe('Local/103@agents-00000000;1');
    expect(localSibling('SIP/101-0000000a')).toBeUndefined();
  });

  it('compares member interfaces without case or Local options', () => {
    expect(normaliseInterface('Local/101@agents/n')).toBe('local/101@agents');
    expect(normaliseInterface('SIP/101')).toBe('sip/101');
  });
});

describe('AgentLine', () => {
  it('owns the phone channels of its SIP or PJSIP device, nobody else’s', () => {
    const line = new AgentLine({ interfaces: ['SIP/101', 'PJSIP/101'] });
    expect(line.ownsChannel('SIP/101-00000002')).toBe(true);
    expect(line.ownsChannel('PJSIP/101-0000001a')).toBe(true);
    expect(line.ownsChannel('SIP/1010-00000002')).toBe(false);
    expect(line.ownsChannel('SIP/102-00000003')).toBe(false);
    expect(line.ownsMember('sip/101')).toBe(true);
    expect(line.extension).toBe('101');
  });

  it('takes a Local member’s phone from its state interface, configured or learnt', () => {
    const configured = new AgentLine({ interfaces: ['Local/101@agents/n'], stateInterfaces: ['PJSIP/101'] });
    expect(configured.ownsChannel('PJSIP/101-00000001')).toBe(true);
    expect(configured.ownsChannel('Local/101@agents-00000004;1')).toBe(false);
    expect(configured.ownsMember('Local/101@agents/n')).toBe(true);

    const learnt = new AgentLine({ interfaces: ['Local/101@agents/n'] });
    expect(learnt.ownsChannel('PJSIP/101-00000001')).toBe(false);
    learnt.learnStateInterface('Local/101@agents/n', 'PJSIP/101');
    expect(learnt.ownsChannel('PJSIP/101-00000001')).toBe(true);
    learnt.learnStateInterface('Local/102@agents/n', 'PJSIP/102');
    expect(learnt.ownsChannel('PJSIP/102-00000001')).toBe(false);
  });

  it('refuses an empty configuration', () => {
    expect(() => new AgentLine({ interfaces: [] })).toThrow(/interface/);
  });
});
