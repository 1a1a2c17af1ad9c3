import type { MonthlyUsageRow, UsageRepository } from "@byok/db";
import { PROVIDERS, PROVIDER_REGISTRY, type Provider } from "@byok/types";

export interface UsageTotals {
  calls: number;
  estimatedCostUsd: number | null;
  callsWithoutEstimate: number;
}

export interface UsageMonth {
  month: string;
  totals: UsageTotals;
  byKeySource: { byok: UsageTotals; server: UsageTotals };
  rows: MonthlyUsageRow[];
}

export interface UsageSummary {
  months: UsageMonth[];
  /** The price tables estimates use today, per provider (the registry's). */
  priceTables: { provider: Provider; takenOn: string; source: string }[];
  /** The price tables the shown estimates were computed from. */
  ledgerPriceDates: string[];
}

const empty = (): UsageTotals => ({ calls: 0, estimatedCostUsd: null, callsWithoutEstimate: 0 });

function add(into: UsageTotals, row: MonthlyUsageRow): void {
  into.calls += row.calls;
  into.callsWithoutEstimate += row.callsWithoutEstimate;
  if (row.estimatedCostUsd !== null) into.estimatedCostUsd = (into.estimatedCostUsd ?? 0) + row.estimatedCostUsd;
}

/** Rows grouped by month, newest first, with the month's totals and its split by who paid. */
export function groupByMonth(rows: readonly MonthlyUsageRow[]): UsageMonth[] {
  const months = new Map<string, UsageMonth>();
  for (const row of rows) {
    let month = months.get(row.month);
    if (!month) {
      month = { month: row.month, totals: empty(), byKeySource: { byok: empty(), server: empty() }, rows: [] };
      months.set(row.month, month);
    }
    month.rows.push(row);
    add(month.totals, row);
    add(month.byKeySource[row.keySource], row);
  }
  return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
}

/**
 * A user's calls and estimated cost per UTC month, and the dates of the price tables behind the
 * estimates: what the Usage page shows and the `usage.summary` procedure returns.
 */
export async function summarizeUsage(usage: UsageRepository, userId: string, months: number): Promise<UsageSummary> {
  const rows = await usage.monthlyUsage(userId, { months });
  const ledgerDates = [
    ...new Set(rows.flatMap((r) => [r.pricesTakenOnFrom, r.pricesTakenOnTo]).filter((d): d is string => d !== null)),
  ].sort();
  return {
    months: groupByMonth(rows),
    priceTables: PROVIDERS.map((p) => ({
      provider: p,
      takenOn: PROVIDER_REGISTRY[p].prices.takenOn,
      source: PROVIDER_REGISTRY[p].prices.source,
    })),
    ledgerPriceDates: ledgerDates,
  };
}
