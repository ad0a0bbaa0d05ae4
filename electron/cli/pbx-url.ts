import type { AmiTarget } from '../core/pbx/ami/ami-target.js';

export { describeTarget, type AmiTarget } from '../core/pbx/ami/ami-target.js';

/**
 * `ami://USER[:SECRET]@HOST[:PORT]` (`amis://` for TLS, default ports 5038/5039). The secret
 * may instead come from an environment variable, so it never has to be typed on a command
 * line; it is never printed.
 */

export class PbxUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PbxUrlError';
  }
}

export function parseAmiUrl(text: string, env: NodeJS.ProcessEnv, secretEnv = 'CTI_AMI_SECRET'): AmiTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PbxUrlError(`--pbx must look like ami://USER:SECRET@HOST:PORT (got something that is not a URL)`);
  }
  if (url.protocol !== 'ami:' && url.protocol !== 'amis:') {
    throw new PbxUrlError(`--pbx must start with ami:// (or amis:// for TLS), not ${url.protocol}//`);
  }
  const tls = url.protocol === 'amis:';
  const username = decodeURIComponent(url.username);
  if (!username) throw new PbxUrlError('--pbx needs the AMI user name: ami://USER@HOST');
  if (!url.hostname) throw new PbxUrlError('--pbx needs the PBX host: ami://USER@HOST');
  const port = url.port ? Number(url.port) : tls ? 5039 : 5038;
  const secret = url.password ? decodeURIComponent(url.password) : env[secretEnv];
  if (!secret) {
    throw new PbxUrlError(`no AMI secret: put it in the ${secretEnv} environment variable (or in the URL: ami://USER:SECRET@HOST)`);
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, tls, username, secret };
}

/** The target for logs and messages, with the secret masked. */
