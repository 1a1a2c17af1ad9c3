import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { keyFingerprint, mintKey } from "../src/index";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
let child: ChildProcessWithoutNullStreams | undefined;

function startCli(...args: string[]): { proc: ChildProcessWithoutNullStreams; output: () => string } {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: packageDir });
  child = proc;
  let output = "";
  proc.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  proc.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return { proc, output: () => output };
}

afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
  child = undefined;
});

describe("provider-emulator CLI", () => {
  it("prints its base URLs, logs calls by fingerprint only, and stops on SIGTERM", async () => {
    const { proc, output } = startCli("--port", "0", "--slow-ms", "5");
    await expect.poll(output, { timeout: 20_000 }).toMatch(/gemini\s+http:\/\/127\.0\.0\.1:\d+\/gemini\n/);
    const openaiBase = /openai\s+(http:\/\/\S+)/.exec(output())?.[1];
    expect(openaiBase).toMatch(/\/openai\/v1$/);

    const key = mintKey("openai", "valid");
    const res = await fetch(`${openaiBase}/models`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    await expect.poll(output).toContain(`openai models - -> 200 key=${keyFingerprint(key)}`);
    expect(output()).not.toContain(key);

    proc.kill("SIGTERM");
    const [code] = await once(proc, "exit");
    expect(code).toBe(0);
  });

  it("exits with a usage message on a bad flag value", async () => {
    const { proc, output } = startCli("--slow-ms", "soon");
    const [code] = await once(proc, "exit");
    expect(code).toBe(2);
    expect(output()).toContain('--slow-ms must be a whole number, got "soon"');
  });
});
