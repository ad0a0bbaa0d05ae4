/** Where and as whom to log in to AMI. The secret is never printed: `describeTarget` masks it. */
export interface AmiTarget {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  secret: string;
}

export function describeTarget(t: AmiTarget): string {
  return `${t.tls ? 'amis' : 'ami'}://${t.username}:***@${t.host}:${t.port}`;
}
