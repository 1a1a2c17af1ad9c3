import { createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTokenCipher, TokenConfigError, TokenError, tokenCipherFromEnv, type TokenCipher } from "./index";

const newSecret = () => randomBytes(32).toString("base64");
const TOKEN_SHAPE = /^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof TokenError) return err.code;
    return `not a TokenError: ${String(err)}`;
  }
  return "no error";
}

function b64uFlip(part: string, bit: number): string {
  const bytes = Buffer.from(part, "base64url");
  bytes[Math.floor(bit / 8) % bytes.length]! ^= 1 << (bit % 8);
  return bytes.toString("base64url");
}

describe("createTokenCipher", () => {
  const secret = newSecret();
  const cipher = createTokenCipher({ secret });

  it("round-trips text with and without additional data", () => {
    const payload = JSON.stringify({ providers: ["openai"], keys: { openai: "secret value ✓" } });
    const token = cipher.encrypt(payload, "byok-cache:v1:u1:ref");
    expect(token).toMatch(TOKEN_SHAPE);
    expect(token).not.toContain("secret value");
    expect(cipher.decrypt(token, "byok-cache:v1:u1:ref")).toBe(payload);
    expect(cipher.decrypt(cipher.encrypt(""))).toBe("");
  });

  it("uses a fresh IV every time", () => {
    const ivs = new Set(Array.from({ length: 200 }, () => cipher.encrypt("same").split(".")[2]));
    expect(ivs.size).toBe(200);
  });

  it("derives the documented kid: first 8 base64url chars of HMAC-SHA256(secret, 'byok-token-kid')", () => {
    const expected = createHmac("sha256", Buffer.from(secret, "base64")).update("byok-token-kid").digest("base64url");
    expect(cipher.kid).toBe(expected.slice(0, 8));
    expect(cipher.encrypt("x").split(".")[1]).toBe(cipher.kid);
    expect(secret).not.toContain(cipher.kid);
  });

  it("fails authentication when the additional data differs", () => {
    const token = cipher.encrypt("payload", "byok-cache:v1:userA:ref1");
    expect(codeOf(() => cipher.decrypt(token, "byok-cache:v1:userB:ref1"))).toBe("AUTH_FAILED");
    expect(codeOf(() => cipher.decrypt(token, "byok-cache:v1:userA:ref2"))).toBe("AUTH_FAILED");
    expect(codeOf(() => cipher.decrypt(token))).toBe("AUTH_FAILED");
    expect(codeOf(() => cipher.decrypt(cipher.encrypt("payload"), "extra"))).toBe("AUTH_FAILED");
  });

  it("rejects a token from another secret as an unknown key id", () => {
    const other = createTokenCipher({ secret: newSecret() });
    expect(codeOf(() => cipher.decrypt(other.encrypt("x")))).toBe("UNKNOWN_KEY_ID");
  });

  it("authenticates the header: a token relabelled with another ring kid fails", () => {
    const old = createTokenCipher({ secret: newSecret() });
    const ring = createTokenCipher({ secret, previousSecrets: [] });
    const both = createTokenCipher({ secret: newSecret(), previousSecrets: [secret] });
    const token = ring.encrypt("x");
    const relabelled = token.replace(`.${ring.kid}.`, `.${both.kid}.`);
    expect(codeOf(() => both.decrypt(relabelled))).toBe("AUTH_FAILED");
    expect(codeOf(() => both.decrypt(old.encrypt("x")))).toBe("UNKNOWN_KEY_ID");
  });

  it("rejects a truncated tag", () => {
    const token = cipher.encrypt("");
    const [v, kid, iv, sealed = ""] = token.split(".");
    const short = Buffer.from(sealed, "base64url").subarray(0, 12).toString("base64url");
    expect(codeOf(() => cipher.decrypt(`${v}.${kid}.${iv}.${short}`))).toBe("MALFORMED");
    const withText = cipher.encrypt("sixteen bytes!!!").split(".");
    const cut = Buffer.from(withText[3]!, "base64url")
      .subarray(0, 16 + 12)
      .toString("base64url");
    expect(codeOf(() => cipher.decrypt([...withText.slice(0, 3), cut].join(".")))).toBe("AUTH_FAILED");
  });

  it("rejects non-canonical base64url spellings", () => {
    const parts = cipher.encrypt("x").split(".");
    expect(codeOf(() => cipher.decrypt([...parts.slice(0, 3), `${parts[3]}=`].join(".")))).toBe("MALFORMED");
    // 17 sealed bytes take 23 characters; the last one carries 2 unused bits that must be zero.
    const sealed = parts[3]!;
    expect(sealed).toHaveLength(23);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = alphabet[alphabet.indexOf(sealed.at(-1)!) ^ 1]!;
    const sloppy = `${sealed.slice(0, -1)}${last}`;
    expect(Buffer.from(sloppy, "base64url").equals(Buffer.from(sealed, "base64url"))).toBe(true);
    expect(codeOf(() => cipher.decrypt([...parts.slice(0, 3), sloppy].join(".")))).toBe("MALFORMED");
    expect(codeOf(() => cipher.decrypt([parts[0], parts[1], `${parts[2]}+`, parts[3]].join(".")))).toBe("MALFORMED");
  });

  it("refuses text UTF-8 cannot carry unchanged instead of corrupting it", () => {
    expect(codeOf(() => cipher.encrypt("a\uD800b"))).toBe("MALFORMED");
    expect(codeOf(() => cipher.encrypt("ok", "\uDC00"))).toBe("MALFORMED");
    expect(cipher.decrypt(cipher.encrypt("pair 😀"))).toBe("pair 😀");
  });
});

describe("rotation", () => {
  it("decrypts tokens written under a previous secret and writes under the current one", () => {
    const oldSecret = newSecret();
    const before = createTokenCipher({ secret: oldSecret });
    const inFlight = before.encrypt("in flight", "aad");
    const after = createTokenCipher({ secret: newSecret(), previousSecrets: [oldSecret] });
    expect(after.kid).not.toBe(before.kid);
    expect(after.decrypt(inFlight, "aad")).toBe("in flight");
    const fresh = after.encrypt("new", "aad");
    expect(fresh.split(".")[1]).toBe(after.kid);
    expect(codeOf(() => before.decrypt(fresh, "aad"))).toBe("UNKNOWN_KEY_ID");
    const retired = createTokenCipher({ secret: newSecret(), previousSecrets: [] });
    expect(codeOf(() => retired.decrypt(inFlight, "aad"))).toBe("UNKNOWN_KEY_ID");
  });

  it("holds several previous secrets and ignores a previous secret equal to the current one", () => {
    const secrets = [newSecret(), newSecret(), newSecret()];
    const tokens = secrets.map((s) => createTokenCipher({ secret: s }).encrypt(s.slice(0, 5)));
    const ring = createTokenCipher({ secret: secrets[2]!, previousSecrets: [secrets[0]!, secrets[1]!, secrets[2]!] });
    tokens.forEach((t, i) => expect(ring.decrypt(t)).toBe(secrets[i]!.slice(0, 5)));
  });
});

describe("configuration errors", () => {
  const bad = [
    "",
    "   ",
    "c2hvcnQ=",
    randomBytes(31).toString("base64"),
    randomBytes(33).toString("base64"),
    randomBytes(32).toString("hex"),
    `${randomBytes(32).toString("base64").slice(0, 42)}!=`,
  ];

  it.each(bad.map((value, i) => ({ value, i })))(
    "refuses malformed secret #$i, naming the variable only",
    ({ value }) => {
      let caught: unknown;
      try {
        createTokenCipher({ secret: value });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(TokenConfigError);
      const err = caught as TokenConfigError;
      expect(err.variable).toBe("secret");
      if (value.trim()) expect(err.message).not.toContain(value.trim());
    },
  );

  it("accepts base64url and unpadded spellings of the same 32 bytes", () => {
    const bytes = randomBytes(32);
    const a = createTokenCipher({ secret: bytes.toString("base64") });
    const b = createTokenCipher({ secret: bytes.toString("base64url") });
    expect(b.kid).toBe(a.kid);
    expect(b.decrypt(a.encrypt("same key"))).toBe("same key");
  });

  it("reads PLATFORM_TOKEN_SECRET and the comma-separated PLATFORM_TOKEN_SECRET_PREVIOUS", () => {
    const [p1, p2, current] = [newSecret(), newSecret(), newSecret()];
    const t1 = createTokenCipher({ secret: p1 }).encrypt("one");
    const t2 = createTokenCipher({ secret: p2 }).encrypt("two");
    const cipher = tokenCipherFromEnv({
      PLATFORM_TOKEN_SECRET: current,
      PLATFORM_TOKEN_SECRET_PREVIOUS: ` ${p1} ,, ${p2},`,
    });
    expect(cipher.decrypt(t1)).toBe("one");
    expect(cipher.decrypt(t2)).toBe("two");
    expect(cipher.kid).toBe(createTokenCipher({ secret: current }).kid);
  });

  it("names the env variable that is missing or malformed, never its value", () => {
    const cases: Array<[Record<string, string | undefined>, string, string | null]> = [
      [{}, "PLATFORM_TOKEN_SECRET", null],
      [
        { PLATFORM_TOKEN_SECRET: "not-base64-at-all-but-long-enough-to-look-real" },
        "PLATFORM_TOKEN_SECRET",
        "not-base64-at-all",
      ],
      [
        { PLATFORM_TOKEN_SECRET: newSecret(), PLATFORM_TOKEN_SECRET_PREVIOUS: "abcd1234" },
        "PLATFORM_TOKEN_SECRET_PREVIOUS",
        "abcd1234",
      ],
    ];
    for (const [env, variable, value] of cases) {
      let caught: unknown;
      try {
        tokenCipherFromEnv(env);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(TokenConfigError);
      expect((caught as Error).message).toContain(variable);
      if (value) expect((caught as Error).message).not.toContain(value);
    }
  });
});

describe("decrypt never throws anything but TokenError (fast-check)", () => {
  const cipher: TokenCipher = createTokenCipher({ secret: newSecret() });
  const token = cipher.encrypt(JSON.stringify({ providers: ["openai"], keys: { openai: "value" } }), "aad");
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.constantFrom(..."v1.ABCabc_-+/=0") }),
    fc.base64String(),
  );

  it("round-trips any well-formed text with any additional data", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (plaintext, aad) => {
        expect(cipher.decrypt(cipher.encrypt(plaintext, aad), aad)).toBe(plaintext);
      }),
    );
  });

  it("random strings and random additional data", () => {
    fc.assert(
      fc.property(anyText, fc.option(anyText, { nil: undefined }), (input, aad) => {
        expect(["MALFORMED", "UNKNOWN_KEY_ID", "AUTH_FAILED"]).toContain(codeOf(() => cipher.decrypt(input, aad)));
      }),
      { numRuns: 2000 },
    );
  });

  it("random strings shaped like tokens", () => {
    const part = fc.string({ unit: fc.constantFrom(..."ABCDEFabcdef0123456789_-"), maxLength: 64 });
    fc.assert(
      fc.property(fc.constantFrom("v1", "v2", ""), part, part, part, (v, kid, iv, ct) => {
        for (const kidText of [kid, cipher.kid]) {
          const code = codeOf(() => cipher.decrypt(`${v}.${kidText}.${iv}.${ct}`, "aad"));
          expect(["MALFORMED", "UNKNOWN_KEY_ID", "AUTH_FAILED"]).toContain(code);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("non-string inputs", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (input, aad) => {
        const decrypt = cipher.decrypt as (t: unknown, a?: unknown) => string;
        expect(codeOf(() => decrypt(input, typeof aad === "string" ? undefined : aad))).toBe("MALFORMED");
      }),
    );
  });

  it("every truncation of a valid token", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), (cut) => {
        expect(["MALFORMED", "AUTH_FAILED"]).toContain(codeOf(() => cipher.decrypt(token.slice(0, cut), "aad")));
      }),
    );
    for (let cut = 0; cut < token.length; cut++) {
      expect(codeOf(() => cipher.decrypt(token.slice(0, cut), "aad"))).not.toBe("no error");
    }
  });

  it("every single-bit flip in IV, ciphertext or tag fails authentication", () => {
    const [v, kid, iv = "", sealed = ""] = token.split(".");
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), (inIv, bit) => {
        const flipped = inIv
          ? `${v}.${kid}.${b64uFlip(iv, bit)}.${sealed}`
          : `${v}.${kid}.${iv}.${b64uFlip(sealed, bit)}`;
        expect(codeOf(() => cipher.decrypt(flipped, "aad"))).toBe("AUTH_FAILED");
      }),
      { numRuns: 1000 },
    );
  });

  it("any character substitution in the token", () => {
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (at, ch) => {
        fc.pre(token[at] !== ch);
        const changed = token.slice(0, at) + ch + token.slice(at + 1);
        expect(["MALFORMED", "UNKNOWN_KEY_ID", "AUTH_FAILED"]).toContain(codeOf(() => cipher.decrypt(changed, "aad")));
      }),
      { numRuns: 1000 },
    );
  });
});
