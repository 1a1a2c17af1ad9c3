"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { PROVIDER_LABELS, isProvider } from "@byok/types";
import { Spinner } from "~/components/ui/spinner";
import { StatusMessage } from "~/components/ui/status-message";
import { describeCallError } from "~/components/ui/describe-call-error";
import { KEY_SOURCE_TITLES } from "~/components/usage/usage-labels";
import { formatCount, formatDay, formatDecimal, formatMonth, formatUsd } from "~/lib/format/numbers";
import { useTRPC } from "~/lib/trpc/client";
import type { AppRouter } from "~/lib/trpc/root";

type Summary = inferRouterOutputs<AppRouter>["usage"]["summary"];
type Month = Summary["months"][number];
type Totals = Month["totals"];

const MONTHS = 12;

function providerName(id: string): string {
  return isProvider(id) ? PROVIDER_LABELS[id] : id;
}

function CostCell({ totals }: { totals: Pick<Totals, "estimatedCostUsd" | "callsWithoutEstimate"> }) {
  return (
    <>
      {totals.estimatedCostUsd === null ? <span className="ui-muted">no estimate</span> : formatUsd(totals.estimatedCostUsd)}
      {totals.callsWithoutEstimate > 0 && totals.estimatedCostUsd !== null ? (
        <span className="ui-muted">
          {" "}
          + {formatCount(totals.callsWithoutEstimate)} {totals.callsWithoutEstimate === 1 ? "call" : "calls"} without an estimate
        </span>
      ) : null}
    </>
  );
}

function MonthSection({ month }: { month: Month }) {
  const title = formatMonth(month.month);
  const headingId = `usage-${month.month}-title`;
  return (
    <section className="ui-section ui-stack" aria-labelledby={headingId} data-testid={`usage-month-${month.month}`}>
      <div className="ui-section-head">
        <h2 id={headingId}>{title}</h2>
        <a href={`/api/usage.csv?month=${month.month}`} download className="ui-small" data-testid={`usage-csv-${month.month}`}>
          Download {title} as CSV
        </a>
      </div>
      <dl className="ui-facts">
        <dt>Calls</dt>
        <dd data-testid="usage-month-calls">{formatCount(month.totals.calls)}</dd>
        <dt>Estimated cost</dt>
        <dd data-testid="usage-month-cost">
          <CostCell totals={month.totals} />
        </dd>
        {(["byok", "server"] as const).map((source) => (
          <FragmentFacts key={source} title={KEY_SOURCE_TITLES[source]} totals={month.byKeySource[source]} testId={`usage-month-${source}`} />
        ))}
      </dl>
      <div className="ui-table-wrap" role="region" aria-label={`${title}: calls by provider`} tabIndex={0}>
        <table className="ui-table">
          <caption className="ui-sr-only">{title}: calls and estimated cost by provider and by who paid</caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Paid by</th>
              <th scope="col" className="ui-num">
                Calls
              </th>
              <th scope="col" className="ui-num">
                Audio (min)
              </th>
              <th scope="col" className="ui-num">
                Tokens in / out
              </th>
              <th scope="col" className="ui-num">
                Estimated cost
              </th>
            </tr>
          </thead>
          <tbody>
            {month.rows.map((row) => (
              <tr key={`${row.provider}-${row.keySource}`} data-testid="usage-row" data-provider={row.provider} data-key-source={row.keySource}>
                <th scope="row">{providerName(row.provider)}</th>
                <td>{KEY_SOURCE_TITLES[row.keySource]}</td>
                <td className="ui-num" data-testid="usage-row-calls">
                  {formatCount(row.calls)}
                </td>
                <td className="ui-num">{formatDecimal(row.audioSeconds / 60)}</td>
                <td className="ui-num">
                  {formatCount(row.inputTokens)} / {formatCount(row.outputTokens)}
                </td>
                <td className="ui-num" data-testid="usage-row-cost">
                  <CostCell totals={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function FragmentFacts({ title, totals, testId }: { title: string; totals: Totals; testId: string }) {
  return (
    <>
      <dt>{title}</dt>
      <dd data-testid={testId}>
        {totals.calls === 0 ? (
          "no calls"
        ) : (
          <>
            {formatCount(totals.calls)} {totals.calls === 1 ? "call" : "calls"} · <CostCell totals={totals} />
          </>
        )}
      </dd>
    </>
  );
}

function PriceNote({ summary }: { summary: Summary }) {
  const used = summary.ledgerPriceDates;
  const current = [...new Set(summary.priceTables.map((p) => p.takenOn))].sort();
  return (
    <p className="ui-small ui-muted" data-testid="usage-price-note">
      Costs are estimates: the units each provider reported, times the prices in our dated price table, not the providers&apos; invoices.{" "}
      {used.length > 0 ? <>The estimates below use the prices of {used.map(formatDay).join(", ")}. </> : null}
      The current table has prices as of {current.map(formatDay).join(", ")} (
      {summary.priceTables.map((p, i) => (
        <span key={p.provider}>
          {i > 0 ? ", " : null}
          <a href={p.source} target="_blank" rel="noopener noreferrer">
            {PROVIDER_LABELS[p.provider]}
          </a>
          : {formatDay(p.takenOn)}
        </span>
      ))}
      ). Months are calendar months in UTC.
    </p>
  );
}

export function UsageScreen() {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.usage.summary.queryOptions({ months: MONTHS }), staleTime: 0 });

  if (query.isError) return <StatusMessage tone="error">{describeCallError(query.error, "Your usage could not be loaded.")}</StatusMessage>;
  if (!query.data) {
    return (
      <section className="ui-section" aria-busy="true">
        <p className="ui-row ui-muted">
          <Spinner /> Loading usage…
        </p>
      </section>
    );
  }
  const summary = query.data;
  return (
    <div className="ui-stack" data-testid="usage-screen">
      <PriceNote summary={summary} />
      <p>
        <a href="/api/usage.csv?month=all" download className="ui-button" data-testid="usage-csv-all">
          Download all calls as CSV
        </a>
      </p>
      {summary.months.length === 0 ? (
        <p className="ui-empty" data-testid="usage-empty">
          No provider calls in the last {MONTHS} months.
        </p>
      ) : (
        summary.months.map((month) => <MonthSection key={month.month} month={month} />)
      )}
    </div>
  );
}
