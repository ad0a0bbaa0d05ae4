import { deviceOf, extensionOf, isLocalChannel, normaliseInterface } from './channel-names.js';

export interface AgentLineConfig {
  /** This agent's queue member / device interfaces: `SIP/101`, `PJSIP/101`, `Local/101@agents/n`. */
  interfaces: readonly string[];
  /** The phone behind a Local member (its queue `StateInterface`), e.g. `PJSIP/101`. */
  stateInterfaces?: readonly string[];
}

/**
 * Which channels and queue members are this agent's. Phone channels are matched by device
 * (`SIP/101-0000000a` is `SIP/101`). A Local member's phone is its state interface: configured,
 * or learnt from queue events. Local channels are never the phone itself.
 */
export class AgentLine {
  private readonly members = new Set<string>();
  private readonly devices = new Set<string>();
  readonly extension: string | undefined;

  constructor(config: AgentLineConfig) {
    const all = [...config.interfaces, ...(config.stateInterfaces ?? [])].filter((i) => i.trim() !== '');
    if (all.length === 0) throw new Error('AgentLine needs at least one interface, e.g. SIP/101');
    for (const iface of all) this.addInterface(iface);
    const phone = all.find((i) => !isLocalChannel(i)) ?? all[0]!;
    this.extension = extensionOf(phone);
  }

  /** A phone channel of this agent (`SIP/101-0000000a` for `SIP/101`). */
  ownsChannel(channel: string | undefined): boolean {
    return !!channel && !isLocalChannel(channel) && this.devices.has(deviceOf(channel).toLowerCase());
  }

  /** A queue member interface of this agent, as queue events name it (`Interface`/`Location`). */
  ownsMember(iface: string | undefined): boolean {
    return !!iface && this.members.has(normaliseInterface(iface));
  }

  /** Queue events name a member's state interface: for a Local member that is the phone. */
  learnStateInterface(memberInterface: string | undefined, stateInterface: string | undefined): void {
    if (!stateInterface || !this.ownsMember(memberInterface)) return;
    this.addInterface(stateInterface);
  }

  private addInterface(iface: string): void {
    const normal = normaliseInterface(iface);
    this.members.add(normal);
    if (!isLocalChannel(normal)) this.devices.add(normal);
  }
}
