import { randomBytes } from "node:crypto";
import { mintKey } from "@byok/provider-emulator";
import { KEY_LIKE_PATTERN, PROVIDERS, type Provider } from "@byok/types";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, SCRUBBED, scrubLine, scrubSecrets, SECRET_HEADERS } from "./index";

function capture(level: "debug" | "info" = "debug") {
  const lines: string[] = [];
  const logger = createLogger({ name: "test", level, destination: { write: (line: string) => void lines.push(line) } });
  return {
    logger,
    text: () => lines.join(""),
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const alnum = (n: number) =>
  randomBytes(n * 2)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, n);

/** Emulator keys for each provider, plus strings in the shape of real keys built at run time only. */
function keysFor(provider: Provider): string[] {
  const realShape: Record<Provider, string> = {
    openai: ["sk", "proj", alnum(48)].join("-"),
    anthropic: ["sk", "ant", "api03", alnum(48)].join("-"),
    gemini: `${"AI"}${"za"}${alnum(35)}`,
    groq: `${"gs"}k_${alnum(52)}`,
  };
  return [mintKey(provider, "valid"), mintKey(provider, "quota"), realShape[provider]];
}

function expectClean(output: string, key: string) {
  expect(output).not.toContain(key);
  expect(output).not.toContain(key.slice(-12));
}

describe("header-path redaction", () => {
  const value = () => `opaque-${alnum(10)}`;

  it.each(SECRET_HEADERS)("redacts %s in every headers object, either case", (header) => {
    const { logger, text, records } = capture();
    const values = Array.from({ length: 7 }, value);
    const upper = header.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
    logger.info(
      {
        [header]: values[0],
        headers: { [header]: values[1], [upper]: values[2], accept: "application/json" },
        req: { headers: { [header]: values[3] } },
        res: { headers: { [upper]: values[4] } },
        upstream: { request: { headers: { [header]: values[5] } } },
        a: { b: { c: { headers: { [header]: values[6] } } } },
      },
      "request",
    );
    for (const v of values) expect(text()).not.toContain(v);
    const [record] = records();
    expect(record).toMatchObject({
      [header]: REDACTED,
      headers: { [header]: REDACTED, [upper]: REDACTED, accept: "application/json" },
      req: { headers: { [header]: REDACTED } },
      res: { headers: { [upper]: REDACTED } },
      upstream: { request: { headers: { [header]: REDACTED } } },
      a: { b: { c: { headers: { [header]: REDACTED } } } },
      msg: "request",
    });
  });

  it("redacts a child logger's header bindings too", () => {
    const { logger, text } = capture();
    const secret = value();
    logger.child({ req: { headers: { authorization: `Bearer ${secret}` } } }).info("child");
    expect(text()).not.toContain(secret);
  });
});

describe("key-shaped string scrubbing", () => {
  describe.each(PROVIDERS)("%s keys", (provider) => {
    it.each(keysFor(provider).map((key, i) => ({ key, i })))("key #$i is scrubbed wherever it appears", ({ key }) => {
      const { logger, text, records } = capture();
      const nested = { job: { attempts: [{ note: `used ${key}` }], [key]: "as a field name" } };
      logger.info(`message text ${key} end`);
      logger.info("format %s and %o and %j", key, { key }, { list: [key] });
      logger.debug({ nested }, "nested object");
      logger.info({ url: new URL(`https://example.invalid/v1beta/models?key=${key}`) }, "url");
      logger.error(new Error(`provider said: bad key ${key}`));
      logger.error({ err: new Error("outer", { cause: new Error(`inner ${key}`) }) }, "with cause");
      logger.warn(new Error(`after a newline\n${key}\tand a tab\t${key}`), `custom message ${key}`);
      logger.child({ apiKey: key }).info("child bindings");
      logger.info({ text: `quoted "${key}"`, multi: `line1\n${key}` });

      expectClean(text(), key);
      const all = records();
      expect(all).toHaveLength(9);
      expect(all[0]?.msg).toBe(`message text ${SCRUBBED} end`);
      expect(all[4]?.msg).toBe(`provider said: bad key ${SCRUBBED}`);
      expect(all[4]?.err).toMatchObject({ type: "Error", message: `provider said: bad key ${SCRUBBED}` });
      expect(String((all[4]?.err as { stack: string }).stack)).toContain(`Error: provider said: bad key ${SCRUBBED}`);
      expect(all[5]?.err).toMatchObject({ message: "outer", cause: { message: `inner ${SCRUBBED}` } });
      expect(all[6]?.msg).toBe(`custom message ${SCRUBBED}`);
      expect(all[7]?.apiKey).toBe(SCRUBBED);
      expect(all[8]?.multi).toBe(`line1\n${SCRUBBED}`);
    });
  });

  it("does not change the caller's objects", () => {
    const { logger } = capture();
    const key = mintKey("openai", "valid");
    const err = new Error(`bad ${key}`);
    const payload = { keys: { openai: key }, headers: { authorization: `Bearer ${key}` } };
    logger.info(payload, "payload");
    logger.error(err);
    expect(payload).toEqual({ keys: { openai: key }, headers: { authorization: `Bearer ${key}` } });
    expect(err.message).toBe(`bad ${key}`);
  });

  it("survives circular structures", () => {
    const { logger, records } = capture();
    const key = mintKey("gemini", "valid");
    const loop: Record<string, unknown> = { key };
    loop.self = loop;
    logger.info({ loop }, "loop");
    expect(records()[0]).toMatchObject({ loop: { key: SCRUBBED, self: "[Circular]" } });
  });

  it("keeps ordinary text and honours the level", () => {
    const { logger, records } = capture("info");
    logger.debug("hidden");
    logger.info({ userId: "u_123", provider: "openai", keySource: "byok" }, "call done");
    expect(records()).toEqual([
      expect.objectContaining({ userId: "u_123", provider: "openai", msg: "call done", name: "test" }),
    ]);
  });
});

describe("scrubSecrets", () => {
  it.each(PROVIDERS.flatMap((p) => keysFor(p)))("replaces %#", (key) => {
    expect(scrubSecrets(`a ${key} b ${key}`)).toBe(`a ${SCRUBBED} b ${SCRUBBED}`);
    expect(scrubSecrets(key)).not.toMatch(KEY_LIKE_PATTERN);
  });

  it("leaves text without keys alone", () => {
    expect(scrubSecrets("sk- and AIza alone, sk-short")).toBe("sk- and AIza alone, sk-short");
    // Words that merely contain "sk-", long base64 that decodes to no key, ordinary ids.
    const ordinary =
      "task-queue-worker-1 risk-free desk-lamp rec_0123456789abcdef0123456789abcdef dGhpcyBpcyBqdXN0IGEgc2VudGVuY2U=";
    expect(scrubSecrets(ordinary)).toBe(ordinary);
  });

  it.each(PROVIDERS.flatMap((p) => keysFor(p)))(
    "replaces %# after `_`, after a %-escape, %-encoded and in base64/base64url values",
    (key) => {
      const forms = [
        `api_key_${key}`,
        `config=key%3D${key}%26x%3D1`,
        encodeURIComponent(`key=${key}`),
        key.replace(/-/g, "%2D"),
        `x-byok-key=${Buffer.from(JSON.stringify({ openai: key })).toString("base64url")}`,
        Buffer.from(`Bearer ${key}`).toString("base64"),
        `prefix${Buffer.from(JSON.stringify({ k: key })).toString("base64url")}`,
      ];
      for (const form of forms) {
        const scrubbed = scrubSecrets(`before ${form} after`);
        expect(scrubbed, form).toContain(SCRUBBED);
        expect(scrubbed, form).not.toContain(key);
        expect(scrubbed, form).not.toContain(key.slice(-12));
        expect(scrubbed.startsWith("before ") && scrubbed.endsWith(" after"), form).toBe(true);
      }
    },
  );
});

describe("child loggers", () => {
  it("keep every level of bindings and scrub each", () => {
    const { logger, records } = capture();
    const key = mintKey("openai", "valid");
    logger
      .child({ requestId: "r1" })
      .child({ userId: "u1", apiKey: key, headers: { "X-Goog-Api-Key": "opaque" } })
      .info("deep");
    expect(records()[0]).toMatchObject({
      requestId: "r1",
      userId: "u1",
      apiKey: SCRUBBED,
      headers: { "X-Goog-Api-Key": REDACTED },
      msg: "deep",
    });
  });
});

describe("line-level backstop", () => {
  it("catches a key right after a JSON escape, which the word boundary alone misses", () => {
    const key = mintKey("openai", "valid");
    const line = JSON.stringify({ msg: `first line\n${key}` });
    expect(scrubSecrets(line)).toContain(key);
    expect(scrubLine(line)).not.toContain(key);
    expect(JSON.parse(scrubLine(line))).toEqual({ msg: `first line\n${SCRUBBED}` });
  });

  it("scrubs the logger name", () => {
    const key = mintKey("anthropic", "valid");
    const lines: string[] = [];
    const logger = createLogger({ name: `svc\n${key}`, destination: { write: (l: string) => void lines.push(l) } });
    logger.info("hello");
    expect(lines.join("")).not.toContain(key);
  });
});
