/**
 * Which driver errors mean "the database is not reachable right now" (→ 503 `database_unavailable`)
 * rather than a bug (→ 500). TypeORM wraps driver errors in QueryFailedError with `driverError`.
 */
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
/** SQLSTATEs: class 08 connection exception; 57P01–57P03 shutdown / cannot connect now; 53300 too many connections; 57014 statement timeout. */
const PG_STATES = /^(08...|57P0[123]|53300|57014)$/;
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Connection ended|connection error|Client was closed|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as any, depth = 0; e && depth < 4; e = e.driverError ?? e.cause, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NET_CODES.has(code) || PG_STATES.test(code) || SQLITE_CODES.test(code)) return true;
    if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true;
  }
  return false;
}
