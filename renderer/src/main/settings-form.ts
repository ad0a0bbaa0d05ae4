import type { CrmSettings, PbxSettings } from '../../../shared/contract/schemas.js';

/** The PBX part of the settings form as the inputs hold it (text), whatever the PBX type. */
export interface PbxFields {
  type: PbxSettings['type'];
  host: string;
  port: string;
  tls: boolean;
  username: string;
  /** Comma-separated, e.g. "PJSIP/101, Local/101@agents/n". */
  interfaces: string;
  originateContext: string;
}

export function toPbxFields(pbx: PbxSettings): PbxFields {
  if (pbx.type === 'demo') {
    return { type: 'demo', host: '', port: '', tls: false, username: '', interfaces: '', originateContext: 'from-internal' };
  }
  return {
    type: 'asterisk',
    host: pbx.host,
    port: pbx.port === undefined ? '' : String(pbx.port),
    tls: pbx.tls,
    username: pbx.username,
    interfaces: pbx.interfaces.join(', '),
    originateContext: pbx.originateContext,
  };
}

/** Back to the contract's shape; the schema then says what is wrong, field by field. */
export function fromPbxFields(f: PbxFields): unknown {
  if (f.type === 'demo') return { type: 'demo' };
  const port = f.port.trim();
  return {
    type: 'asterisk',
    host: f.host.trim(),
    port: port === '' ? undefined : Number(port),
    tls: f.tls,
    username: f.username.trim(),
    interfaces: f.interfaces
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    originateContext: f.originateContext.trim(),
  };
}

/** The CRM part of the form as the inputs hold it, whatever the CRM type. */
export interface CrmFields {
  type: CrmSettings['type'];
  portalUrl: string;
  name: string;
  baseUrl: string;
}

export function toCrmFields(crm: CrmSettings | undefined): CrmFields {
  return {
    type: crm?.type ?? 'embedded',
    portalUrl: crm?.type === 'bitrix24' ? crm.portalUrl : '',
    name: crm?.type === 'rest' ? crm.name : '',
    baseUrl: crm?.type === 'rest' ? crm.baseUrl : '',
  };
}

export function fromCrmFields(f: CrmFields): unknown {
  if (f.type === 'bitrix24') return { type: 'bitrix24', portalUrl: f.portalUrl.trim() };
  if (f.type === 'rest') return { type: 'rest', name: f.name.trim(), baseUrl: f.baseUrl.trim() };
  return { type: 'embedded' };
}
