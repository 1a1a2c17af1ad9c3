import type { Attribution } from "@byok/types";
import { and, asc, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "./client";
import { STAGES, type Stage } from "./recording";
import { providerCalls } from "./schema";

/**
 * Reads of the usage ledger (`provider_calls`): what a user's recordings cost, split the ways the
 * Usage page and the recordings list show it. Months are calendar months in UTC, so a month's
 * figures are the same whichever time zone reads them. Sums are taken in PostgreSQL over the exact
 * `numeric` columns; a sum over calls that all lack an estimate is null, not zero: the ledger does
 * not guess (docs/billing.md, "Usage ledger").
 */

type KeySource = Attribution["keySource"];

/** One month × key source × provider of one user's calls. */
export interface MonthlyUsageRow {
  /** "YYYY-MM", UTC. */
  month: string;
  keySource: KeySource;
  provider: string;
  calls: number;
  /** Calls whose outcome was "ok": the ones a provider bills. */
  succeededCalls: number;
  audioSeconds: number;
  inputTokens: number;
  outputTokens: number;
  /** null when no call in the group has an estimate. */
  estimatedCostUsd: number | null;
  /** Calls with units but no estimate (a model missing from the price table) or no units at all. */
  callsWithoutEstimate: number;
  /** The oldest and newest price tables the group's estimates came from. */
  pricesTakenOnFrom: string | null;
  pricesTakenOnTo: string | null;
}

/** Who paid for a recording's successful calls, over all its runs. */
export type PaidBy = KeySource | "mixed";

export interface CostTotal {
  calls: number;
  estimatedCostUsd: number | null;
  /** null when no call succeeded (nobody was billed for a result). */
  paidBy: PaidBy | null;
}

/** One provider call as the CSV export writes it; the numbers stay PostgreSQL's exact text. */
export interface LedgerRow {
  id: number;
  createdAt: Date;
  recordingId: string | null;
  stage: Stage;
  run: number;
  provider: string;
  model: string;
  tier: number;
  keySource: KeySource;
  fallbackReason: string | null;
  outcome: string;
  audioSeconds: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  estimatedCostUsd: string | null;
  pricesTakenOn: string | null;
}

/** [from, to) in UTC; either end open. */
export interface TimeRange {
  from?: Date;
  to?: Date;
}

/** The first instant of the UTC month `monthsBack` months before the one `now` is in. */
export function utcMonthStart(now: Date, monthsBack = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
}

/** "YYYY-MM" → that UTC month as [from, to). */
export function utcMonthRange(month: string): Required<TimeRange> {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError("month must be YYYY-MM");
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  if (index < 0 || index > 11) throw new RangeError("month must be YYYY-MM");
  return { from: new Date(Date.UTC(year, index, 1)), to: new Date(Date.UTC(year, index + 1, 1)) };
}

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));

function paidByOf(sources: readonly string[] | null): PaidBy | null {
  const distinct = [...new Set(sources ?? [])];
  if (distinct.length === 0) return null;
  return distinct.length > 1 ? "mixed" : (distinct[0] as KeySource);
}

const monthOf = sql<string>`to_char(${providerCalls.createdAt} at time zone 'UTC', 'YYYY-MM')`;
const costSum = sql<string | null>`sum(${providerCalls.estimatedCostUsd})::text`;
const okSources = sql<
  string[] | null
>`array_agg(distinct ${providerCalls.keySource}::text) filter (where ${providerCalls.outcome} = 'ok')`;

export function createUsageRepository(db: Db) {
  return {
    /**
     * The user's calls from the start of the UTC month `months - 1` months before `now`'s, grouped
     * by month, key source and provider; newest month first.
     */
    async monthlyUsage(
      userId: string,
      { months, now = new Date() }: { months: number; now?: Date },
    ): Promise<MonthlyUsageRow[]> {
      const rows = await db
        .select({
          month: monthOf,
          keySource: providerCalls.keySource,
          provider: providerCalls.provider,
          calls: sql<number>`count(*)::int`,
          succeededCalls: sql<number>`(count(*) filter (where ${providerCalls.outcome} = 'ok'))::int`,
          audioSeconds: sql<string>`coalesce(sum(${providerCalls.audioSeconds}), 0)::text`,
          inputTokens: sql<string>`coalesce(sum(${providerCalls.inputTokens}), 0)::text`,
          outputTokens: sql<string>`coalesce(sum(${providerCalls.outputTokens}), 0)::text`,
          estimatedCostUsd: costSum,
          callsWithoutEstimate: sql<number>`(count(*) filter (where ${providerCalls.estimatedCostUsd} is null))::int`,
          pricesTakenOnFrom: sql<string | null>`min(${providerCalls.pricesTakenOn})::text`,
          pricesTakenOnTo: sql<string | null>`max(${providerCalls.pricesTakenOn})::text`,
        })
        .from(providerCalls)
        .where(and(eq(providerCalls.userId, userId), gte(providerCalls.createdAt, utcMonthStart(now, months - 1))))
        .groupBy(monthOf, providerCalls.keySource, providerCalls.provider)
        .orderBy(sql`1 desc`, asc(providerCalls.keySource), asc(providerCalls.provider));
      return rows.map((r) => ({
        ...r,
        audioSeconds: Number(r.audioSeconds),
        inputTokens: Number(r.inputTokens),
        outputTokens: Number(r.outputTokens),
        estimatedCostUsd: num(r.estimatedCostUsd),
      }));
    },

    /** Totals per recording, over all its runs (a retried recording's first run was spent too). */
    async recordingCosts(userId: string, recordingIds: readonly string[]): Promise<Map<string, CostTotal>> {
      if (recordingIds.length === 0) return new Map();
      const rows = await db
        .select({
          recordingId: providerCalls.recordingId,
          calls: sql<number>`count(*)::int`,
          estimatedCostUsd: costSum,
          okSources,
        })
        .from(providerCalls)
        .where(and(eq(providerCalls.userId, userId), inArray(providerCalls.recordingId, [...recordingIds])))
        .groupBy(providerCalls.recordingId);
      return new Map(
        rows.flatMap((r) =>
          r.recordingId === null
            ? []
            : [
                [
                  r.recordingId,
                  { calls: r.calls, estimatedCostUsd: num(r.estimatedCostUsd), paidBy: paidByOf(r.okSources) },
                ] as const,
              ],
        ),
      );
    },

    /** Totals per stage of one of the user's recordings, over all its runs; a stage without calls has zero calls. */
    async stageCosts(userId: string, recordingId: string): Promise<Record<Stage, CostTotal>> {
      const rows = await db
        .select({ stage: providerCalls.stage, calls: sql<number>`count(*)::int`, estimatedCostUsd: costSum, okSources })
        .from(providerCalls)
        .where(and(eq(providerCalls.userId, userId), eq(providerCalls.recordingId, recordingId)))
        .groupBy(providerCalls.stage);
      const byStage = new Map(rows.map((r) => [r.stage, r]));
      const out = {} as Record<Stage, CostTotal>;
      for (const stage of STAGES) {
        const r = byStage.get(stage);
        out[stage] = r
          ? { calls: r.calls, estimatedCostUsd: num(r.estimatedCostUsd), paidBy: paidByOf(r.okSources) }
          : { calls: 0, estimatedCostUsd: null, paidBy: null };
      }
      return out;
    },

    /**
     * One page of the user's calls in `range`, oldest first, after the call `afterId` (keyset
     * paging: the export streams page by page and never holds a year of calls in memory).
     */
    async ledgerPage(
      userId: string,
      range: TimeRange,
      { afterId = 0, limit = 1000 }: { afterId?: number; limit?: number } = {},
    ): Promise<LedgerRow[]> {
      return db
        .select({
          id: providerCalls.id,
          createdAt: providerCalls.createdAt,
          recordingId: providerCalls.recordingId,
          stage: providerCalls.stage,
          run: providerCalls.run,
          provider: providerCalls.provider,
          model: providerCalls.model,
          tier: providerCalls.tier,
          keySource: providerCalls.keySource,
          fallbackReason: providerCalls.fallbackReason,
          outcome: providerCalls.outcome,
          audioSeconds: sql<string | null>`${providerCalls.audioSeconds}::text`,
          inputTokens: providerCalls.inputTokens,
          outputTokens: providerCalls.outputTokens,
          estimatedCostUsd: sql<string | null>`${providerCalls.estimatedCostUsd}::text`,
          pricesTakenOn: providerCalls.pricesTakenOn,
        })
        .from(providerCalls)
        .where(
          and(
            eq(providerCalls.userId, userId),
            gt(providerCalls.id, afterId),
            range.from ? gte(providerCalls.createdAt, range.from) : undefined,
            range.to ? lt(providerCalls.createdAt, range.to) : undefined,
          ),
        )
        .orderBy(asc(providerCalls.id))
        .limit(limit);
    },
  };
}

export type UsageRepository = ReturnType<typeof createUsageRepository>;
