/**
 * Failures of our own services (PostgreSQL, Redis, the network to them): retrying a stage after one
 * must not use up the attempts that are meant for the provider's failures.
 */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
// PostgreSQL SQLSTATEs: connection exceptions (08), insufficient resources (53), operator
// intervention such as a restart (57P), serialization failures and deadlocks (40).
const PG_TRANSIENT = /^(08|53|57P|40)/;
const REDIS_ERRORS = new Set(["MaxRetriesPerRequestError", "ReplyError", "AbortError"]);
const CLOSED =
  /connection (is )?(closed|terminated|ended)|connect ECONNREFUSED|Connection terminated|Stream isn't writeable/i;

export function isInfrastructureError(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error)) return false;
  // Drizzle wraps the driver's error; the code is on its cause.
  if (err.cause !== undefined && depth < 3 && isInfrastructureError(err.cause, depth + 1)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || (code.length === 5 && PG_TRANSIENT.test(code))))
    return true;
  if (REDIS_ERRORS.has(err.name)) return true;
  return CLOSED.test(err.message);
}
