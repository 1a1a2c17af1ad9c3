import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The header is encoded in the browser: a Node-only API here would break the client bundle.
describe("byok-header sources are browser-safe", () => {
  const sources = readdirSync(import.meta.dirname).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

  it.each(sources)("%s uses no Node APIs", (file) => {
    const text = readFileSync(`${import.meta.dirname}/${file}`, "utf8");
    expect(text).not.toMatch(/from "node:|require\(|\bBuffer\b|\bprocess\./);
  });

  it("found the sources", () => {
    expect(sources).toContain("codec.ts");
  });
});
