import { describe, expect, it } from "vitest";
import { randomIv } from "./random-iv";

describe("randomIv", () => {
  it("hands out 12-byte IVs that never repeat and are never rewritten, across pool refills", () => {
    const ivs = Array.from({ length: 1000 }, () => randomIv());
    const snapshot = ivs.map((iv) => iv.toString("hex"));
    expect(ivs.every((iv) => iv.byteLength === 12)).toBe(true);
    expect(new Set(snapshot).size).toBe(ivs.length);
    randomIv();
    expect(ivs.map((iv) => iv.toString("hex"))).toEqual(snapshot);
  });
});
