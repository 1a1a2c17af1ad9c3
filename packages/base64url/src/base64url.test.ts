import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import * as withNodeBuffer from "./base64url";

// The same module as a browser loads it: no Buffer, so atob/btoa do the work.
vi.stubGlobal("Buffer", undefined);
vi.resetModules();
const withoutBuffer = await import("./base64url");
vi.unstubAllGlobals();
afterAll(() => vi.unstubAllGlobals());

// The oracle: Node's encoder, computed outside the code under test.
const reference = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

describe.each([
  ["Node (Buffer)", withNodeBuffer],
  ["browsers (atob/btoa)", withoutBuffer],
])("base64url in %s", (_where, { toBase64url, fromBase64url }) => {
  it("encodes as RFC 4648 §5 without padding, and decodes its own output (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(text).toBe(reference(bytes));
        expect(fromBase64url(text)).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it("encodes a view, not the buffer behind it", () => {
    const whole = new Uint8Array([1, 2, 3, 0xfb, 0xff, 9]);
    expect(toBase64url(whole.subarray(3, 5))).toBe("-_8");
  });

  it.each([
    ["padding", "QQ=="],
    ["one padding character", "QUI="],
    ["the standard alphabet", "-_+/"],
    ["whitespace inside", "QU JD"],
    ["a leading space", " QUJD"],
    ["a trailing newline", "QUJD\n"],
    ["a length of 4n+1", "QUJDR"],
    ["non-zero trailing bits (2 chars)", "QR"],
    ["non-zero trailing bits (3 chars)", "QUK"],
    ["a character outside the alphabet", "QU*D"],
    ["non-ASCII text", "ключ"],
  ])("refuses %s", (_name, text) => {
    expect(fromBase64url(text)).toBeNull();
  });

  it("accepts the empty text as zero bytes", () => {
    expect(fromBase64url("")).toEqual(new Uint8Array(0));
  });

  it("refuses every other spelling of the same bytes (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.constantFrom("=", "==", " ", "\n", "+", "/"),
        (bytes, at, extra) => {
          const text = toBase64url(bytes);
          const i = at % (text.length + 1);
          expect(fromBase64url(text.slice(0, i) + extra + text.slice(i))).toBeNull();
        },
      ),
    );
  });
});

it("really takes the browser path in the second copy, and Node's in the first", () => {
  const atob = vi.spyOn(globalThis, "atob");
  withNodeBuffer.fromBase64url("QUJD");
  expect(atob).not.toHaveBeenCalled();
  withoutBuffer.fromBase64url("QUJD");
  expect(atob).toHaveBeenCalledOnce();
  atob.mockRestore();
});
