import { describe, expect, it } from "vitest";
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  deriveKek,
  importAesKey,
  pbkdf2Sha256,
  unwrapDek,
  wrapDek,
} from "~/lib/crypto/vault-primitives";

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ""), "hex"));
const toHex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const ascii = (s: string) => new Uint8Array(Buffer.from(s, "ascii"));

describe("known answers: PBKDF2-HMAC-SHA256, RFC 7914 §11", () => {
  const vectors = [
    {
      password: "passwd",
      salt: "salt",
      iterations: 1,
      dk: "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
    },
    {
      password: "Password",
      salt: "NaCl",
      iterations: 80_000,
      dk: "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d",
    },
  ];

  for (const v of vectors) {
    it(`P="${v.password}" S="${v.salt}" c=${v.iterations} through deriveBits (64 bytes)`, async () => {
      expect(toHex(await pbkdf2Sha256(v.password, ascii(v.salt), v.iterations, 64))).toBe(v.dk);
    });

    it(`P="${v.password}" S="${v.salt}" c=${v.iterations} through the vault's deriveKek (first 32 bytes = the KEK)`, async () => {
      const kek = await deriveKek(v.password, ascii(v.salt), v.iterations, true);
      expect(kek.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
      expect(kek.usages.sort()).toEqual(["unwrapKey", "wrapKey"]);
      const raw = new Uint8Array(await globalThis.crypto.subtle.exportKey("raw", kek));
      expect(toHex(raw)).toBe(v.dk.slice(0, 64));
    });
  }

  it("the vault's KEK is non-extractable by default", async () => {
    const kek = await deriveKek("passwd", ascii("salt"), 1);
    expect(kek.extractable).toBe(false);
  });
});

describe("known answers: AES-256-GCM, McGrew–Viega test cases 13–16", () => {
  const K0 = "00".repeat(32);
  const K = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
  const IV = "cafebabefacedbaddecaf888";
  const P =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
  const C =
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
  const cases = [
    { n: 13, key: K0, iv: "00".repeat(12), p: "", a: "", c: "", t: "530f8afbc74536b9a963b4f1c4cb738b" },
    {
      n: 14,
      key: K0,
      iv: "00".repeat(12),
      p: "00".repeat(16),
      a: "",
      c: "cea7403d4d606b6e074ec5d3baf39d18",
      t: "d0d1c8a799996bf0265b98b5d48ab919",
    },
    { n: 15, key: K, iv: IV, p: P, a: "", c: C, t: "b094dac5d93471bdec1a502270e3cc6c" },
    {
      n: 16,
      key: K,
      iv: IV,
      p: P.slice(0, 120),
      a: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      c: C.slice(0, 120),
      t: "76fc6ece0f4e1768cddf8853bb2d551b",
    },
  ];

  for (const tc of cases) {
    it(`test case ${tc.n}: encrypt and decrypt through aesGcmEncrypt/aesGcmDecrypt`, async () => {
      const key = await importAesKey(hex(tc.key), ["encrypt", "decrypt"]);
      const sealed = await aesGcmEncrypt(key, hex(tc.iv), hex(tc.p), hex(tc.a));
      expect(toHex(sealed)).toBe(tc.c + tc.t);
      expect(toHex(await aesGcmDecrypt(key, hex(tc.iv), sealed, hex(tc.a)))).toBe(tc.p);
      const forged = sealed.slice();
      forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1;
      await expect(aesGcmDecrypt(key, hex(tc.iv), forged, hex(tc.a))).rejects.toThrow();
    });
  }

  it("test case 14 through wrapDek/unwrapDek (the DEK path): the 16-byte key P wraps to C‖T", async () => {
    const kek = await globalThis.crypto.subtle.importKey("raw", hex(K0), "AES-GCM", false, ["wrapKey", "unwrapKey"]);
    const dek = await importAesKey(hex("00".repeat(16)), ["encrypt", "decrypt"]);
    const wrapped = await wrapDek(dek, kek, hex("00".repeat(12)), new Uint8Array(0));
    expect(toHex(wrapped)).toBe("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
    const unwrapped = await unwrapDek(wrapped, kek, hex("00".repeat(12)), new Uint8Array(0));
    expect(unwrapped.extractable).toBe(false);
    await expect(unwrapDek(wrapped, kek, hex("00".repeat(12)), ascii("byok-vault:v1:u:dek"))).rejects.toThrow();
  });
});
