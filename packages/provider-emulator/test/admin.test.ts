import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback } from "../src/http-util";
import { keyFingerprint, mintKey, startEmulator, type Emulator } from "../src/index";

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

let emu: Emulator;
beforeAll(async () => {
  // Listening on every interface lets the test reach the admin endpoint from a non-loopback address.
  emu = await startEmulator({ host: "0.0.0.0" });
});
afterAll(async () => {
  await emu.close();
});

describe("call log", () => {
  it("records provider, endpoint, model, fingerprint and status for every provider call", async () => {
    emu.clearCalls();
    const key = mintKey("gemini", "valid");
    await fetch(`${emu.baseUrls.gemini}/v1beta/models/gemini-2.0-flash:generateContent`, {
      method: "POST",
      headers: { "x-goog-api-key": key, "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ parts: [{ text: "hi" }] }] }),
    });
    await fetch(`${emu.baseUrls.openai}/models`);
    expect(emu.calls()).toEqual([
      {
        provider: "gemini",
        endpoint: "generateContent",
        model: "gemini-2.0-flash",
        keyFingerprint: keyFingerprint(key),
        status: 200,
        at: expect.any(Number),
        answered: true,
        answeredAt: expect.any(Number),
        usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
        requestId: expect.any(String),
      },
      {
        provider: "openai",
        endpoint: "models",
        model: null,
        keyFingerprint: null,
        status: 401,
        at: expect.any(Number),
        answered: true,
        answeredAt: expect.any(Number),
        usage: null,
        requestId: expect.any(String),
      },
    ]);
    expect(emu.calls({ provider: "openai" })).toHaveLength(1);
    expect(emu.calls({ key })).toHaveLength(1);
    expect(emu.calls({ status: 200, provider: "openai" })).toEqual([]);
    expect(JSON.stringify(emu.calls())).not.toContain(key);
  });

  it("returns copies, so callers cannot rewrite history", () => {
    emu.calls().forEach((c) => (c.status = 999));
    expect(emu.calls().some((c) => c.status === 999)).toBe(false);
  });
});

describe("admin endpoints", () => {
  it("lists calls over HTTP with fingerprints only, filters by provider, and clears them", async () => {
    emu.clearCalls();
    const key = mintKey("anthropic", "quota");
    await fetch(`${emu.baseUrls.anthropic}/v1/models`, {
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01" },
    });
    await fetch(`${emu.baseUrls.openai}/models`);

    const listed = await fetch(`${emu.url}/__emulator/calls?provider=anthropic`);
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(key);
    expect(JSON.parse(text)).toEqual({
      calls: [
        {
          provider: "anthropic",
          endpoint: "models",
          model: null,
          keyFingerprint: keyFingerprint(key),
          status: 400,
          at: expect.any(Number),
          answered: true,
          answeredAt: expect.any(Number),
          usage: null,
          requestId: expect.any(String),
        },
      ],
    });

    const cleared = await fetch(`${emu.url}/__emulator/calls`, { method: "DELETE" });
    expect(cleared.status).toBe(204);
    expect(emu.calls()).toEqual([]);
    expect(await (await fetch(`${emu.url}/__emulator/calls`)).json()).toEqual({ calls: [] });
  });

  it("does not record its own admin requests", async () => {
    emu.clearCalls();
    await fetch(`${emu.url}/__emulator/calls`);
    expect(emu.calls()).toEqual([]);
  });

  it.skipIf(!externalAddress)("answers 403 to a non-loopback peer, for reads and deletes", async () => {
    emu.clearCalls();
    await fetch(`${emu.baseUrls.openai}/models`);
    const port = new URL(emu.url).port;
    const read = await fetch(`http://${externalAddress}:${port}/__emulator/calls`);
    expect(read.status).toBe(403);
    expect(await read.text()).not.toContain('calls":[');
    const del = await fetch(`http://${externalAddress}:${port}/__emulator/calls`, { method: "DELETE" });
    expect(del.status).toBe(403);
    expect(emu.calls()).toHaveLength(1);
  });

  it("treats only 127.0.0.0/8 and ::1 (plain or IPv4-mapped) as loopback", () => {
    for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(a), a).toBe(true);
    for (const a of [undefined, "", "192.0.2.2", "::ffff:10.0.0.1", "fe80::1", "1127.0.0.1", "::"])
      expect(isLoopback(a), String(a)).toBe(false);
  });
});

describe("startEmulator options", () => {
  it("rejects a bad port or slowMs with a typed error", async () => {
    await expect(startEmulator({ port: -1 })).rejects.toThrow(/port must be/);
    await expect(startEmulator({ slowMs: Number.NaN })).rejects.toThrow(/slowMs must be/);
  });

  it("closes promptly while a slow reply is still pending", async () => {
    const other = await startEmulator({ slowMs: 60_000 });
    const pending = fetch(`${other.baseUrls.openai}/models`, {
      headers: { authorization: `Bearer ${mintKey("openai", "slow")}` },
    }).catch((err: unknown) => err);
    await expect.poll(() => other.calls().length).toBe(1);
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
