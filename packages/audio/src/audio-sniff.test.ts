import { describe, expect, it } from "vitest";
import { sniffAudioType } from "./audio-sniff";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("sniffAudioType", () => {
  it.each([
    ["wav", bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ")],
    ["mp3", bytes("ID3", [4, 0, 0, 0, 0, 0, 0])],
    ["mp3", bytes([0xff, 0xfb, 0x90, 0x64, 0, 0])],
    ["m4a", bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0])],
    ["m4a", bytes([0, 0, 0, 0x18], "ftypmp42")],
    ["webm", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42])],
    ["ogg", bytes("OggS", [0, 2, 0, 0])],
    ["flac", bytes("fLaC", [0, 0, 0, 0x22])],
  ])("recognises %s", (type, data) => {
    expect(sniffAudioType(data)).toBe(type);
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
  ])("rejects %s", (_name, data) => {
    expect(sniffAudioType(data)).toBeNull();
  });
});
