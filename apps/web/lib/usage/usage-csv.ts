import type { LedgerRow, TimeRange, UsageRepository } from "@byok/db";
import { utcMonthRange } from "@byok/db";
import { stringify } from "csv-stringify/sync";

/** The export's columns, in order; the header row uses these names. */
export const USAGE_CSV_COLUMNS = [
  "date",
  "recording_id",
  "stage",
  "provider",
  "model",
  "tier",
  "key_source",
  "fallback_reason",
  "outcome",
  "audio_seconds",
  "input_tokens",
  "output_tokens",
  "estimated_cost_usd",
  "prices_taken_on",
] as const;

/** Words a spreadsheet reader understands without our glossary. */
const KEY_SOURCE_WORDS = { byok: "own_key", server: "platform" } as const;

export type UsageCsvPeriod = { kind: "all" } | { kind: "month"; month: string };

/** `all`, or one UTC month as YYYY-MM; anything else is refused. */
export function parseUsageCsvPeriod(value: string | null): UsageCsvPeriod | null {
  if (value === null || value === "all") return { kind: "all" };
  try {
    utcMonthRange(value);
    return { kind: "month", month: value };
  } catch {
    return null;
  }
}

export function periodRange(period: UsageCsvPeriod): TimeRange {
  return period.kind === "all" ? {} : utcMonthRange(period.month);
}

/** One row per provider call; numbers as PostgreSQL's exact text, empty where the ledger holds none. */
export function toCsvRecord(row: LedgerRow): (string | number | null)[] {
  return [
    row.createdAt.toISOString(),
    row.recordingId,
    row.stage,
    row.provider,
    row.model,
    row.tier,
    KEY_SOURCE_WORDS[row.keySource],
    row.fallbackReason,
    row.outcome,
    row.audioSeconds,
    row.inputTokens,
    row.outputTokens,
    row.estimatedCostUsd,
    row.pricesTakenOn,
  ];
}

/**
 * The CSV as a stream, page by page (keyset paging), so a long history is never held in memory
 * whole. Quoting is csv-stringify's (RFC 4180).
 */
export function usageCsvStream(
  usage: Pick<UsageRepository, "ledgerPage">,
  userId: string,
  range: TimeRange,
  pageSize = 1000,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(stringify([[...USAGE_CSV_COLUMNS]])));
      }
      const page = await usage.ledgerPage(userId, range, { afterId, limit: pageSize });
      if (page.length > 0) {
        afterId = page[page.length - 1]!.id;
        controller.enqueue(encoder.encode(stringify(page.map(toCsvRecord))));
      }
      if (page.length < pageSize) controller.close();
    },
  });
}
