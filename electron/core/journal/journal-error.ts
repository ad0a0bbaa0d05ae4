/**
 * Every journal failure the app can show. `kind` says what happened and what helps:
 * - `invalid-input`: the caller sent something the journal cannot store (a bug; the message names the field);
 * - `disk-full`: the disk (or the journal's size limit) is full — nothing new is stored until space is freed;
 * - `io`: the operating system refused a read or write (permissions, a removed drive);
 * - `corrupt`: the file is damaged or is not a CTI Launcher journal (at start it is moved aside);
 * - `newer-schema`: the file was written by a newer CTI Launcher;
 * - `not-found`: the action asked for does not exist;
 * - `unavailable`: the journal is closed or its worker stopped.
 */
export const JOURNAL_ERROR_KINDS = ['invalid-input', 'disk-full', 'io', 'corrupt', 'newer-schema', 'not-found', 'unavailable'] as const;
export type JournalErrorKind = (typeof JOURNAL_ERROR_KINDS)[number];

export class JournalError extends Error {
  readonly kind: JournalErrorKind;

  constructor(kind: JournalErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JournalError';
    this.kind = kind;
  }
}

/** SQLite result codes (better-sqlite3 puts them in `code`) that mean the file itself is unusable. */
const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

export function sqliteCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function isCorruption(err: unknown): boolean {
  const code = sqliteCode(err);
  return code !== undefined && CORRUPT_CODES.has(code);
}

/** Turns a SQLite failure during `what` into a JournalError that says what to do about it. */
export function journalFailure(err: unknown, what: string, path: string): JournalError {
  if (err instanceof JournalError) return err;
  const code = sqliteCode(err) ?? '';
  const reason = (err as Error)?.message ?? String(err);
  if (code === 'SQLITE_FULL') {
    return new JournalError('disk-full', `${what} failed: the action journal ${path} is full (no free disk space or its size limit reached); nothing was lost, but nothing new is recorded until space is freed on that drive`, { cause: err });
  }
  if (isCorruption(err)) {
    return new JournalError('corrupt', `${what} failed: the action journal ${path} is damaged (${reason}); restart the app to move it aside and start a new journal`, { cause: err });
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new JournalError('io', `${what} failed: the action journal ${path} cannot be written (${reason}); check that the folder exists, is writable and the drive is connected`, { cause: err });
  }
  return new JournalError('io', `${what} failed on the action journal ${path}: ${reason}`, { cause: err });
}
