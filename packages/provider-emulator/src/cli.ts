#!/usr/bin/env tsx
import { parseArgs } from "node:util";
import { DEFAULT_SLOW_MS, startEmulator } from "./server";

const USAGE = "usage: provider-emulator [--port 4010] [--host 127.0.0.1] [--slow-ms 1500]";

function numberOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    console.error(`--${name} must be a whole number, got "${raw}"\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

function args(): { port: number; host: string; slowMs: number } {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "slow-ms": { type: "string" },
      },
      strict: true,
    });
    return {
      port: numberOption("port", values.port, 4010),
      host: values.host ?? "127.0.0.1",
      slowMs: numberOption("slow-ms", values["slow-ms"], DEFAULT_SLOW_MS),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { port, host, slowMs } = args();
const emulator = await startEmulator({
  port,
  host,
  slowMs,
  onCall: (c) =>
    console.log(`${c.provider} ${c.endpoint} ${c.model ?? "-"} -> ${c.status} key=${c.keyFingerprint ?? "none"}`),
}).catch((err: NodeJS.ErrnoException) => {
  console.error(`provider emulator could not listen on ${host}:${port}: ${err.code ?? err.message}`);
  process.exit(1);
});

console.log(`provider emulator listening on ${emulator.url} (slow keys wait ${slowMs} ms)`);
for (const [provider, url] of Object.entries(emulator.baseUrls)) console.log(`  ${provider.padEnd(9)} ${url}`);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
