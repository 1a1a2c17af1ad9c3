import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@byok/types";
import { mintKey } from "./keys";
import { findEmulatorKeyTraces } from "./leak-scan";

describe("findEmulatorKeyTraces", () => {
  it.each(PROVIDERS)("finds a %s key as is, and base64, base64url or hex encoded at any offset", (provider) => {
    const key = mintKey(provider, "valid");
    for (const lead of ["", "x", "xy", "xyz"]) {
      const data = Buffer.from(`${lead}{"k":"${key}"}`);
      for (const text of [data.toString(), data.toString("base64"), data.toString("base64url"), data.toString("hex")]) {
        expect(findEmulatorKeyTraces(`before ${text} after`)).not.toEqual([]);
      }
    }
  });

  it("finds nothing in text without keys, fingerprints and masked hints included", () => {
    const text = `rec_0123 sk-…89ab AIza…89ab ${"f".repeat(16)} ${Buffer.from("sk-learn is a library").toString("base64")}`;
    expect(findEmulatorKeyTraces(text)).toEqual([]);
  });
});
