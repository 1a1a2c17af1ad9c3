import { describe, expect, it } from "vitest";
import { numberFormats, requestLocales } from "~/lib/format/numbers";

describe("requestLocales", () => {
  it("orders by quality, keeps the header's order on ties, and drops the wildcard and q=0", () => {
    expect(requestLocales("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5, es;q=0")).toEqual(["fr-CH", "fr", "en", "de"]);
    expect(requestLocales("en;q=0.5, de")).toEqual(["de", "en"]);
  });
  it("skips what is not a language tag, and gives nothing for no header", () => {
    expect(requestLocales("not a tag!!, en-GB")).toEqual(["en-GB"]);
    expect(requestLocales(null)).toEqual([]);
    expect(requestLocales("")).toEqual([]);
  });
});

describe("numberFormats", () => {
  it("formats in the locales given, and UTC months and days without a time-zone shift", () => {
    const de = numberFormats(["de-DE"]);
    expect(de.formatCount(12345)).toBe("12.345");
    expect(de.formatUsd(0.0042)).toBe("0,0042\u00a0$");
    expect(de.formatMonth("2026-11")).toBe("November 2026");
    const en = numberFormats(["en-US"]);
    expect(en.formatDay("2025-08-01")).toBe("Aug 1, 2025");
    expect(en.formatUsd(1.5)).toBe("$1.50");
  });
});
