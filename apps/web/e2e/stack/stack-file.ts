import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Provider } from "@byok/types";

/** What the specs need to know about the running stack. No secrets: specs sign in through the UI. */
export interface StackInfo {
  baseUrl: string;
  emulatorUrl: string;
  emulatorBaseUrls: Record<Provider, string>;
  redisUrl: string;
  /** The run's own database: specs read it for leak sweeps (pg_dump) and checks, never to fake state. */
  databaseUrl: string;
  /** How long the upload endpoint waits for a stalled body (shortened for the suite). */
  uploadIdleTimeoutMs: number;
  prefix: string;
  workerRunning: boolean;
  /** `next start` on the production build, or `next dev` (BYOK_E2E_SERVER=dev). */
  server: "production" | "development";
  /** Where the app's mail goes (/dev/mail shows it). */
  mailSinkDir: string;
  /** The TLS edge (deploy/nginx) in front of the same web server; null when nginx is missing. */
  edge: { url: string; logDir: string } | null;
}

export const STACK_FILE_ENV = "BYOK_E2E_STACK_FILE";

export function newStackFilePath(): string {
  return join(tmpdir(), `byok-e2e-stack-${process.pid}-${Date.now()}.json`);
}

export function readStackInfo(): StackInfo {
  const file = process.env[STACK_FILE_ENV];
  if (!file)
    throw new Error(
      `${STACK_FILE_ENV} is not set: run the specs through playwright.config.ts (its globalSetup starts the stack).`,
    );
  return JSON.parse(readFileSync(file, "utf8")) as StackInfo;
}
