export const AUDIO_TYPES = ["wav", "mp3", "m4a", "webm", "ogg", "flac"] as const;
export type AudioType = (typeof AUDIO_TYPES)[number];

export const AUDIO_MIME: Record<AudioType, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  webm: "audio/webm",
  ogg: "audio/ogg",
  flac: "audio/flac",
};

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** An MPEG audio frame header: 11 sync bits plus fields that are never all-ones or reserved. */
function isMpegFrame(bytes: Uint8Array): boolean {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === undefined || b1 === undefined || b2 === undefined) return false;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0b11;
  // layer 00 is AAC ADTS, not MP3; bitrate 1111 and sample rate 11 are invalid.
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

/**
 * ISO-BMFF major brands of MPEG-4 audio (docs/decisions.md, "Uploads"): iTunes/Apple audio and
 * audiobooks, Adobe's audio brands, and the generic MP4/ISO brands that audio recorders and ffmpeg
 * write. Everything else in an ISO-BMFF box (HEIC, AVIF, QuickTime MOV, 3GPP, FairPlay-protected
 * M4P, camera raw, JPEG 2000) is not something the speech-to-text stage can read.
 */
const M4A_MAJOR_BRANDS = new Set([
  "M4A ",
  "M4B ",
  "F4A ",
  "F4B ",
  "mp41",
  "mp42",
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
]);
// A compatible brand of an image or QuickTime format marks a file as one even under a generic major brand.
const NOT_AUDIO_BRANDS = new Set([
  "qt  ",
  "mif1",
  "mif2",
  "msf1",
  "miaf",
  "heic",
  "heix",
  "heim",
  "heis",
  "hevc",
  "hevx",
  "avif",
  "avis",
  "jp2 ",
  "jpx ",
  "crx ",
]);

function brandAt(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

/** An `ftyp` box (size, "ftyp", major brand, minor version, compatible brands) naming MPEG-4 audio. */
function isM4a(bytes: Uint8Array): boolean {
  if (!ascii(bytes, 4, "ftyp") || bytes.length < 16) return false;
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (size < 16 || (size - 16) % 4 !== 0) return false;
  if (!M4A_MAJOR_BRANDS.has(brandAt(bytes, 8))) return false;
  const end = Math.min(size, bytes.length - (bytes.length % 4));
  for (let offset = 16; offset + 4 <= end; offset += 4) if (NOT_AUDIO_BRANDS.has(brandAt(bytes, offset))) return false;
  return true;
}

/** The type by magic bytes only: file names and declared MIME types are the client's to lie about. */
export function sniffAudioType(bytes: Uint8Array): AudioType | null {
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "wav";
  if (ascii(bytes, 0, "fLaC")) return "flac";
  if (ascii(bytes, 0, "OggS")) return "ogg";
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return "webm";
  }
  if (ascii(bytes, 4, "ftyp")) return isM4a(bytes) ? "m4a" : null;
  if (ascii(bytes, 0, "ID3") || isMpegFrame(bytes)) return "mp3";
  return null;
}
