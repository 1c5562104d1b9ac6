/**
 * SQLSTATEs worth trying again once the database is back: the class 08 connection exceptions, a server that
 * is shutting down or starting (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), too
 * many connections (53300), and a transaction that lost a race (40001 serialization_failure, 40P01 deadlock).
 */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const TRANSIENT_SQLSTATE_CLASSES = ['08'];

/** Socket failures on the way to the database (a restart, a failover, a dropped connection). */
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** What `pg` throws, without a code, when a connection dies under a query or cannot be opened in time. */
const TRANSIENT_PG_MESSAGES = [
  /^Connection terminated unexpectedly/,
  /^Connection terminated due to connection timeout/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
];

/** How deep a chain of `cause`s (or an AggregateError's errors) is looked into. */
const MAX_DEPTH = 5;

/**
 * Whether an error means the database connection failed (not that the query was wrong): the job can be
 * tried again from its last checkpoint once the database answers. Looks through `cause` chains and
 * AggregateErrors, since pg's pool and LangGraph's checkpointer pass the driver's error on wrapped.
 */
export function isTransientDbError(error: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  if (code && TRANSIENT_SOCKET_CODES.has(code)) return true;
  if (error instanceof Error && TRANSIENT_PG_MESSAGES.some((pattern) => pattern.test(error.message))) {
    return true;
  }
  if (error instanceof AggregateError && error.errors.some((e) => isTransientDbError(e, depth + 1))) {
    return true;
  }
  return 'cause' in error && isTransientDbError(error.cause, depth + 1);
}
