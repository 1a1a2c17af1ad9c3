import { describe, expect, it } from "vitest";
import { sniffAudioType } from "./audio-sniff";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

/** An `ftyp` box as encoders write it: size, "ftyp", major brand, minor version, compatible brands, then more boxes. */
const ftyp = (major: string, compatible: string[] = [], tail: number[] = [0, 0, 0, 8, 0x66, 0x72, 0x65, 0x65]) =>
  bytes([0, 0, 0, 16 + 4 * compatible.length], "ftyp", major, [0, 0, 2, 0], compatible.join(""), tail);

describe("sniffAudioType", () => {
  it.each([
    ["wav", bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ")],
    ["mp3", bytes("ID3", [4, 0, 0, 0, 0, 0, 0])],
    ["mp3", bytes([0xff, 0xfb, 0x90, 0x64, 0, 0])],
    ["m4a", bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0], "M4A mp42isom", [0, 0, 0, 0])],
    ["webm", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42])],
    ["ogg", bytes("OggS", [0, 2, 0, 0])],
    ["flac", bytes("fLaC", [0, 0, 0, 0x22])],
  ])("recognises %s", (type, data) => {
    expect(sniffAudioType(data)).toBe(type);
  });

  it.each([
    ["Apple Voice Memos (M4A, compatible isom and mp42)", ftyp("M4A ", ["M4A ", "isom", "mp42"])],
    ["an audiobook (M4B)", ftyp("M4B ", ["M4B ", "M4A ", "mp42", "isom"])],
    ["ffmpeg's mp4 muxer (isom, compatible iso2 and mp41)", ftyp("isom", ["isom", "iso2", "mp41"])],
    ["Android's recorder (mp42, compatible isom)", ftyp("mp42", ["isom", "mp42"])],
    ["a bare iso2 box", ftyp("iso2")],
    ["Adobe's audio brand (F4A)", ftyp("F4A ", ["F4A ", "mp42"])],
  ])("recognises MPEG-4 audio from %s as m4a", (_name, data) => {
    expect(sniffAudioType(data)).toBe("m4a");
  });

  it.each([
    ["empty", bytes()],
    ["text", bytes("hello world, not audio")],
    ["png", bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a])],
    ["pdf", bytes("%PDF-1.7")],
    ["RIFF that is not WAVE", bytes("RIFF", [0, 0, 0, 0], "AVI ")],
    ["AAC ADTS (layer 00)", bytes([0xff, 0xf1, 0x50, 0x80])],
    ["sync with a bad bitrate", bytes([0xff, 0xfb, 0xf0, 0x00])],
    ["truncated", bytes("RIF")],
    ["HEIC", ftyp("heic", ["mif1", "heic"])],
    ["HEIF (mif1)", ftyp("mif1", ["mif1", "heic"])],
    ["AVIF", ftyp("avif", ["avif", "mif1", "miaf", "MA1B"])],
    ["QuickTime MOV", ftyp("qt  ", ["qt  "])],
    ["3GPP (AMR from old phone recorders)", ftyp("3gp4", ["isom", "3gp4"])],
    ["FairPlay-protected M4P", ftyp("M4P ", ["M4P ", "mp42", "isom"])],
    ["Canon CR3 raw", ftyp("crx ", ["crx ", "isom"])],
    [
      "JPEG 2000",
      bytes([0, 0, 0, 0x0c], "jP  ", [0x0d, 0x0a, 0x87, 0x0a], [0, 0, 0, 0x14], "ftypjp2 ", [0, 0, 0, 0], "jp2 "),
    ],
    ["an image under a generic major brand", ftyp("isom", ["isom", "mif1", "miaf"])],
    ["a MOV under a generic major brand", ftyp("mp42", ["mp42", "qt  "])],
    ["an ftyp box too short for a brand", bytes([0, 0, 0, 8], "ftyp")],
    [
      "an ftyp box with a size that is not a whole number of brands",
      bytes([0, 0, 0, 18], "ftyp", "M4A ", [0, 0, 0, 0], "is"),
    ],
  ])("rejects %s", (_name, data) => {
    expect(sniffAudioType(data)).toBeNull();
  });
});
