import { describe, expect, it } from "vitest";
import { openAesGcm, sealAesGcm } from "./aes-gcm";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", AES-256 test cases 13–16.
const K0 = "00".repeat(32);
const K1 = "feffe9928665731c6d6a8f9467308308 feffe9928665731c6d6a8f9467308308";
const IV1 = "cafebabefacedbaddecaf888";
const P64 = `d9313225f88406e5a55909c5aff5269a 86a7a9531534f7da2e4c303d8a318a72
  1c3c0c95956809532fcf0e2449a6b525 b16aedf5aa0de657ba637b391aafd255`;
const C64 = `522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa
  8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662898015ad`;
const P60 = P64.replace(/1aafd255$/, "");
const C60 = C64.replace(/898015ad$/, "");

const CASES = [
  { name: "13", key: K0, iv: "00".repeat(12), p: "", a: "", c: "", t: "530f8afbc74536b9a963b4f1c4cb738b" },
  {
    name: "14",
    key: K0,
    iv: "00".repeat(12),
    p: "00".repeat(16),
    a: "",
    c: "cea7403d4d606b6e074ec5d3baf39d18",
    t: "d0d1c8a799996bf0265b98b5d48ab919",
  },
  { name: "15", key: K1, iv: IV1, p: P64, a: "", c: C64, t: "b094dac5d93471bdec1a502270e3cc6c" },
  {
    name: "16",
    key: K1,
    iv: IV1,
    p: P60,
    a: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
    c: C60,
    t: "76fc6ece0f4e1768cddf8853bb2d551b",
  },
];

describe("AES-256-GCM known answers (GCM spec test cases 13–16)", () => {
  it.each(CASES)("test case $name seals to the published ciphertext and tag", ({ key, iv, p, a, c, t }) => {
    const sealed = sealAesGcm(hex(key), hex(iv), hex(p), hex(a));
    expect(sealed.toString("hex")).toBe(hex(c + t).toString("hex"));
  });

  it.each(CASES)("test case $name opens back to the plaintext", ({ key, iv, p, a, c, t }) => {
    expect(openAesGcm(hex(key), hex(iv), hex(c + t), hex(a)).toString("hex")).toBe(hex(p).toString("hex"));
  });

  it.each(CASES)("test case $name refuses a flipped tag bit", ({ key, iv, a, c, t }) => {
    const sealed = hex(c + t);
    sealed[sealed.length - 1]! ^= 0x01;
    expect(() => openAesGcm(hex(key), hex(iv), sealed, hex(a))).toThrow();
  });

  it("refuses input shorter than a 16-byte tag before deciphering", () => {
    const { key, iv, t } = CASES[0]!;
    // The first 12 bytes of a valid tag: a decipher that accepted short tags would verify these.
    expect(() => openAesGcm(hex(key), hex(iv), hex(t).subarray(0, 12), Buffer.alloc(0))).toThrow(
      /shorter than its tag/,
    );
    expect(() => openAesGcm(hex(key), hex(iv), hex(t).subarray(0, 4), Buffer.alloc(0))).toThrow(/shorter than its tag/);
  });

  it("refuses an IV that is not 12 bytes", () => {
    const { key, t } = CASES[0]!;
    expect(() => openAesGcm(hex(key), Buffer.alloc(16), hex(t), Buffer.alloc(0))).toThrow(/12 bytes/);
  });
});
