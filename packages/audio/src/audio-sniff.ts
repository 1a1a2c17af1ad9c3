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

/** The type by magic bytes only: file names and declared MIME types are the client's to lie about. */
export function sniffAudioType(bytes: Uint8Array): AudioType | null {
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "wav";
  if (ascii(bytes, 0, "fLaC")) return "flac";
  if (ascii(bytes, 0, "OggS")) return "ogg";
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return "webm";
  }
  if (ascii(bytes, 4, "ftyp")) return "m4a";
  if (ascii(bytes, 0, "ID3") || isMpegFrame(bytes)) return "mp3";
  return null;
}
