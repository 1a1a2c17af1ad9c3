import { createLogger, type Logger } from "@byok/logger";
import { getEnv } from "~/env";

export type { Logger };

let logger: Logger | undefined;
let destination: Parameters<typeof createLogger>[0]["destination"];

/** Tests capture every line the server writes; call before the first request. */
export function setLogDestination(stream: typeof destination): void {
  destination = stream;
  logger = undefined;
}

export function getLogger(): Logger {
  logger ??= createLogger({ name: "web", level: getEnv().LOG_LEVEL, ...(destination ? { destination } : {}) });
  return logger;
}
