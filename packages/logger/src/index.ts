export { createLogger, REDACT_PATHS } from "./logger";
export type { CreateLoggerOptions, Logger } from "./logger";
export { scrubSecrets, scrubValue, scrubLine, SCRUBBED, REDACTED, SECRET_HEADERS } from "./scrub";
