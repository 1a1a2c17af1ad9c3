import { startEmulator, type Emulator } from "@byok/provider-emulator";
import { afterAll, beforeAll } from "vitest";

// A short slowMs keeps the suite quick; timeout cases use a client timeout far below it.
export const SLOW_MS = 1000;
export const SHORT_TIMEOUT_MS = 50;

/** One emulator per test file, on a free loopback port. */
export function useEmulator(): () => Emulator {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ slowMs: SLOW_MS });
  });
  afterAll(async () => {
    await emu?.close();
  });
  return () => {
    if (!emu) throw new Error("emulator not started");
    return emu;
  };
}

export const MODELS = { openai: "gpt-4o-mini", anthropic: "claude-haiku-4-5", gemini: "gemini-2.0-flash" } as const;
