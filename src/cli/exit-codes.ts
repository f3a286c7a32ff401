/**
 * The exit codes of `proverka`, fixed once published (scripts rely on them):
 *
 * | code | meaning |
 * |---|---|
 * | 0 | success |
 * | 1 | `verify` found the record broken |
 * | 2 | usage or input error: a bad flag or argument; a missing, existing (for `init`/`demo`), corrupt or foreign database (file or PostgreSQL database); a malformed URL, an unreachable server or a refused login; an unknown id; a command refused by the rules |
 * | 3 | the database is busy (or PostgreSQL is out of connections or restarting), or another process wrote first (a lost race): try again |
 * | 70 | an internal error (a bug): the message says what failed; `PROVERKA_DEBUG=1` prints the stack |
 */
export const EXIT = {
  OK: 0,
  VERIFY_FAILED: 1,
  USAGE: 2,
  BUSY: 3,
  INTERNAL: 70,
} as const;

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
