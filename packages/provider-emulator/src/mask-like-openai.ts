/**
 * OpenAI's own masking in its 401 message keeps the first 8 and last 4 characters. Shorter strings
 * keep only their first quarter, so a mask never spells out most of a key.
 */
export function maskLikeOpenAi(key: string): string {
  if (key.length >= 24) return `${key.slice(0, 8)}*****${key.slice(-4)}`;
  return `${key.slice(0, Math.floor(key.length / 4))}*****`;
}
