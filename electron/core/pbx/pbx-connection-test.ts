import type { ConnectionCheck, PbxSettings } from '../../../shared/contract/schemas.js';
import type { Logger } from '../ports.js';
import { runDoctor } from './ami/ami-doctor.js';

/** "Test connection" on the settings page: the doctor's checks for the PBX settings as typed. */
export async function testPbxSettings(pbx: PbxSettings, secret: string | undefined, log: Logger): Promise<ConnectionCheck[]> {
  if (pbx.type === 'demo') {
    return [{ name: 'demo PBX', ok: true, detail: 'the built-in simulator needs no connection', say: { name: 'demoPbx', detail: 'simulatorNoConnection' } }];
  }
  if (!secret) {
    return [
      {
        name: 'AMI secret',
        ok: false,
        detail: 'no AMI secret is stored or typed',
        fix: 'type the secret of this AMI user from manager.conf',
        say: { name: 'amiSecret', detail: 'noAmiSecret', fix: 'typeAmiSecret' },
      },
    ];
  }
  return runDoctor({ host: pbx.host, port: pbx.port ?? (pbx.tls ? 5039 : 5038), tls: pbx.tls, username: pbx.username, secret }, log);
}
