import { type Analysis, analysisSchema } from "@byok/db";

export const ANALYSIS_SYSTEM =
  'You analyse transcripts of recordings. Answer with JSON only: {"summary": string, "keyPoints": string[]}.';
export const ANALYSIS_MAX_TOKENS = 1_024;

/** Models do not always obey; prose becomes the summary rather than a failed stage. */
export function parseAnalysis(text: string): Analysis {
  const body = text.trim().replace(/^```(?:json)?\s*|\s*```$/g, "");
  try {
    const parsed = analysisSchema.safeParse(JSON.parse(body));
    if (parsed.success) return { summary: parsed.data.summary, keyPoints: parsed.data.keyPoints.slice(0, 20) };
  } catch {
    // not JSON: fall through
  }
  return { summary: body.slice(0, 2_000), keyPoints: [] };
}
