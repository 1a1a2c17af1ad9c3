import { afterEach, describe, expect, it, vi } from "vitest";
import {
  DEFAULT_IDLE_MINUTES,
  IDLE_MINUTES_STORAGE_KEY,
  parseIdleMinutes,
  readIdleMinutes,
  subscribeIdleMinutes,
  writeIdleMinutes,
} from "~/lib/crypto/vault-idle-setting";

/** A Storage with the Web Storage semantics the setting relies on (string values, null when absent). */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("idle-time setting", () => {
  it("reads whole minutes from 5 to 60; anything else is the default of 30", () => {
    expect(DEFAULT_IDLE_MINUTES).toBe(30);
    expect(parseIdleMinutes("5")).toBe(5);
    expect(parseIdleMinutes("60")).toBe(60);
    for (const raw of [null, undefined, "", "4", "61", "7.5", "1e1", " 10", "-10", "ten", "0010"]) {
      expect(parseIdleMinutes(raw), String(raw)).toBe(DEFAULT_IDLE_MINUTES);
    }
  });

  it("stores the choice in localStorage and tells this tab's listeners", () => {
    const storage = memoryStorage();
    vi.stubGlobal("localStorage", storage);
    expect(readIdleMinutes()).toBe(30);
    const heard: number[] = [];
    const off = subscribeIdleMinutes((m) => heard.push(m));
    writeIdleMinutes(10);
    off();
    writeIdleMinutes(15);
    expect(storage.getItem(IDLE_MINUTES_STORAGE_KEY)).toBe("15");
    expect(readIdleMinutes()).toBe(15);
    expect(heard).toEqual([10]);
  });

  it("refuses a time outside the range instead of storing it", () => {
    vi.stubGlobal("localStorage", memoryStorage());
    expect(() => writeIdleMinutes(4)).toThrow(RangeError);
    expect(() => writeIdleMinutes(61)).toThrow(RangeError);
    expect(() => writeIdleMinutes(12.5)).toThrow(RangeError);
    expect(readIdleMinutes()).toBe(30);
  });

  it("falls back to the default where storage is blocked", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
    });
    expect(readIdleMinutes()).toBe(30);
    expect(() => writeIdleMinutes(10)).not.toThrow();
  });
});
