import type { AmiMessage } from './ami-message.js';
import { field } from './ami-message.js';

/** Base class of every error the AMI client reports. Messages never contain secrets. */
export class AmiError extends Error {
  override name = 'AmiError';
}

/** Asterisk answered `Response: Error` (e.g. permission denied, no such channel). */
export class AmiActionError extends AmiError {
  override name = 'AmiActionError';
  constructor(
    readonly action: string,
    readonly response: AmiMessage,
  ) {
    super(`AMI action ${action} failed: ${field(response, 'Message') ?? 'Asterisk answered Response: Error without a message'}`);
  }
}

/** No response (or, for a list, no `…Complete` event) within the action's timeout. */
export class AmiTimeoutError extends AmiError {
  override name = 'AmiTimeoutError';
  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`AMI action ${action} got no answer within ${timeoutMs} ms`);
  }
}

/** The action could not be sent, or its connection closed before it was answered. */
export class AmiLinkDownError extends AmiError {
  override name = 'AmiLinkDownError';
  constructor(
    readonly action: string,
    reason: string,
  ) {
    super(`AMI action ${action} not completed: ${reason}`);
  }
}

/** Asterisk refused the login (wrong user/secret, `permit`/`deny`, MD5 not available). */
export class AmiAuthError extends AmiError {
  override name = 'AmiAuthError';
  constructor(
    readonly username: string,
    reason: string,
  ) {
    super(`AMI login as "${username}" refused: ${reason}`);
  }
}
