import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "@byok/test-utils";

const WEB_DIR = resolve(import.meta.dirname, "..");

test("next start refuses to run with a bad secret, naming the variables and never their values", async () => {
  const badSecret = "not-a-secret-value-xyz";
  const port = await freePort();
  const child = spawn(
    resolve(WEB_DIR, "node_modules/.bin/next"),
    ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: WEB_DIR,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", PLATFORM_TOKEN_SECRET: badSecret },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += String(c)));
  child.stderr.on("data", (c: Buffer) => (output += String(c)));
  const code = await new Promise<number | null>((done) => child.once("exit", (c) => done(c)));
  expect(code).toBe(1);
  expect(output).toContain("PLATFORM_TOKEN_SECRET must be exactly 32 random bytes");
  expect(output).toContain("SESSION_SECRET is missing");
  expect(output).not.toContain(badSecret);
});
