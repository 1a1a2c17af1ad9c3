import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from "pino";
import { REDACTED, SECRET_HEADERS, scrubLine, scrubSecrets, scrubValue } from "./scrub";

export type { Logger } from "pino";

const CANONICAL_CASE: Record<string, string> = {
  "x-byok-key": "X-BYOK-Key",
  authorization: "Authorization",
  "x-api-key": "X-Api-Key",
  "x-goog-api-key": "X-Goog-Api-Key",
  cookie: "Cookie",
  "set-cookie": "Set-Cookie",
  "proxy-authorization": "Proxy-Authorization",
};

const HEADER_CONTAINERS = ["headers", "*.headers", "*.*.headers", "*.*.*.headers"];

/** pino redact paths: each secret header, in either case, in any headers object up to 4 levels down. */
export const REDACT_PATHS: string[] = SECRET_HEADERS.flatMap((header) =>
  [header, CANONICAL_CASE[header] ?? header].flatMap((name) => [
    `["${name}"]`,
    ...HEADER_CONTAINERS.map((container) => `${container}["${name}"]`),
  ]),
);

export interface CreateLoggerOptions {
  name: string;
  level?: Level | "silent";
  /** Where lines go (default: stdout). Tests pass a capturing stream. */
  destination?: DestinationStream;
}

const hooks: NonNullable<LoggerOptions["hooks"]> = {
  logMethod(args, method) {
    const [first, ...rest] = args as unknown[];
    const params = rest.map((arg) => scrubValue(arg));
    if (first instanceof Error) {
      // Logged as pino would ({ err }, message), but from a scrubbed copy.
      const message = params.length > 0 ? params : [scrubSecrets(first.message)];
      return method.apply(this, [{ err: scrubValue(first) }, ...message] as Parameters<typeof method>);
    }
    const head = typeof first === "string" ? scrubSecrets(first) : first;
    return method.apply(this, [head, ...params] as Parameters<typeof method>);
  },
  streamWrite: scrubLine,
};

/**
 * pino with two layers against key leaks: redaction by header path, then scrubbing of anything
 * shaped like a key (message, fields, errors, bindings and, last, the finished line).
 */
export function createLogger({ name, level = "info", destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks,
    // formatters.log has already turned errors into scrubbed plain objects; pino's own err
    // serializer would relabel them as type "Object".
    serializers: { err: (value: unknown) => value },
    formatters: {
      log: (object) => scrubValue(object) as Record<string, unknown>,
      bindings: (bindings) => scrubValue(bindings) as Record<string, unknown>,
    },
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // pino serializes a child's bindings without formatters.bindings; children inherit this override.
  const child = logger.child;
  const scrubbedChild = function (this: Logger, bindings: Record<string, unknown>, childOptions?: object) {
    return child.call(this, scrubValue(bindings) as Record<string, unknown>, childOptions);
  };
  logger.child = scrubbedChild as Logger["child"];
  return logger;
}
