import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "~/lib/auth/safe-return-path";

const APP = "https://app.example";

/** Where a browser goes when it follows `Location: <path>` from our origin. */
function landsOn(path: string): string {
  return new URL(path, APP).origin;
}

/** Pieces attackers combine: separators, their encodings (once and twice), schemes, hosts. */
const PIECES = [
  "/",
  "//",
  "/\\",
  "\\",
  "\\\\",
  "\t",
  "%09",
  "%0a",
  "%0d",
  "\n",
  "\r",
  " ",
  "%20",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%252f",
  "%252F",
  "%255c",
  "%2509",
  "%25252f",
  "evil.example",
  "EVIL.Example",
  "evil.example:443",
  "@",
  "user@",
  ":",
  "..",
  ".",
  "%2e",
  "%2E%2E",
  "http:",
  "HTTPS:",
  "https:",
  "javascript:",
  "data:",
  "HtTp:",
  "?",
  "#",
  "&",
  "=",
  "settings",
  "api-keys",
  "recordings",
  "a",
  "%",
  "%zz",
  "\u0000",
  "\u00a0",
  "ｅｖｉｌ",
];

const attack = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));

describe("return paths", () => {
  it("keeps our own paths, query and fragment", () => {
    expect(safeReturnPath("/settings/api-keys?x=1#top")).toBe("/settings/api-keys?x=1#top");
    expect(safeReturnPath("/recordings/%E2%9C%93")).toBe("/recordings/%E2%9C%93");
  });

  it("refuses the known ways off the origin", () => {
    const known = [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "/%09/evil.example/",
      "/\t/evil.example/",
      "/%2F/evil.example",
      "/%252F%252Fevil.example",
      "/%5Cevil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "HTTPS://evil.example",
      "/%0a/evil.example",
      "/../%2F/",
      "/./%2F%2Fevil.example",
      "settings",
      "",
      null,
      42,
      undefined,
      {},
    ];
    for (const bad of known) expect(safeReturnPath(bad), String(bad)).toBe("/settings");
  });

  it("property: whatever is combined, the result is a path that lands on our origin, decoded once or twice too", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          attack,
          attack.map((s) => `/${s}`),
          fc.string(),
          fc.string().map((s) => `/${s}`),
        ),
        (input) => {
          const result = safeReturnPath(input);
          expect(result.startsWith("/")).toBe(true);
          expect(result.startsWith("//")).toBe(false);
          expect(landsOn(result)).toBe(APP);
          let decoded = result;
          for (let i = 0; i < 2; i++) {
            try {
              decoded = decodeURIComponent(decoded);
            } catch {
              break;
            }
            expect(landsOn(decoded.replace(/[\t\n\r]/g, ""))).toBe(APP);
            expect(/^[/\\][/\\]/.test(decoded)).toBe(false);
          }
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
