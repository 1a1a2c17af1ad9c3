import { createHash } from "node:crypto";

const JSON_WORD = /\bJSON\b/;

function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function words(text: string): string[] {
  return normalise(text)
    .split(" ")
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w.length > 0);
}

function firstSentence(text: string): string {
  const flat = normalise(text);
  const match = /^.*?[.!?](?=\s|$)/.exec(flat);
  const sentence = match ? match[0] : flat;
  return sentence.length > 200 ? `${sentence.slice(0, 197)}...` : sentence;
}

/** `{"summary", "keyPoints"}` computed from the text alone, so every run gives the same answer. */
export function summarise(text: string): { summary: string; keyPoints: string[] } {
  const all = words(text);
  const keyPoints: string[] = [];
  for (let i = 0; i < all.length && keyPoints.length < 3; i += 4) keyPoints.push(all.slice(i, i + 4).join(" "));
  return { summary: firstSentence(text) || "(empty prompt)", keyPoints };
}

/**
 * The emulated model's answer: a JSON object when the instructions or the prompt ask for JSON,
 * otherwise a sentence quoting the start of the prompt.
 */
export function replyText(model: string, system: string, prompt: string): string {
  if (JSON_WORD.test(system) || JSON_WORD.test(prompt)) return JSON.stringify(summarise(prompt));
  const all = words(prompt);
  const quoted = all.slice(0, 12).join(" ");
  return `Emulated ${model} reply to ${all.length} words: "${quoted}${all.length > 12 ? " ..." : ""}".`;
}

/** Rough token counts for usage fields: one token per word, at least one. */
export function tokenCount(text: string): number {
  return Math.max(1, words(text).length);
}

const TRANSCRIPT_WORDS = [
  "amber",
  "beacon",
  "canyon",
  "delta",
  "ember",
  "falcon",
  "garden",
  "harbor",
  "island",
  "jasmine",
  "kettle",
  "lantern",
  "meadow",
  "nectar",
  "orbit",
  "pebble",
  "quartz",
  "river",
  "saffron",
  "timber",
  "umbra",
  "velvet",
  "willow",
  "xenon",
  "yonder",
  "zephyr",
  "anchor",
  "bramble",
  "cobalt",
  "dune",
  "echo",
  "fern",
];

/** A transcript derived from the file's bytes: the same audio always gives the same text. */
export function transcriptFor(name: string, data: Uint8Array): string {
  const digest = createHash("sha256").update(data).digest();
  const phrase = Array.from(digest.subarray(0, 6), (b) => TRANSCRIPT_WORDS[b % TRANSCRIPT_WORDS.length]).join(" ");
  return `Transcript of ${name}: ${phrase}. The recording is ${data.byteLength} bytes long.`;
}

/**
 * The length of a recording in seconds, for the usage fields providers bill audio by: from a WAV
 * header when there is one, otherwise as 16 kB of compressed audio per second.
 */
export function audioSeconds(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const ascii = (at: number) => String.fromCharCode(...data.subarray(at, at + 4));
  if (data.byteLength >= 44 && ascii(0) === "RIFF" && ascii(8) === "WAVE") {
    const byteRate = view.getUint32(28, true);
    if (byteRate > 0) return (data.byteLength - 44) / byteRate;
  }
  return data.byteLength / 16_000;
}

/** Gemini counts 32 tokens for each second of audio input. */
export const GEMINI_AUDIO_TOKENS_PER_SECOND = 32;
