import { PROVIDER_LABELS, isProvider } from "@byok/types";
import { KEY_SOURCE_TITLES } from "~/components/usage/usage-labels";
import type { NumberFormats } from "~/lib/format/numbers";
import type { UsageMonth, UsageSummary, UsageTotals } from "~/lib/usage/usage-summary";

/*
 * A server component: the page is read-only, so it arrives rendered, with no tRPC client, React
 * Query or fetch after load (docs/ui.md, "Usage page"). `f` formats in the reader's locale.
 */

export const USAGE_MONTHS = 12;

function providerName(id: string): string {
  return isProvider(id) ? PROVIDER_LABELS[id] : id;
}

function CostCell({
  totals,
  f,
}: {
  totals: Pick<UsageTotals, "estimatedCostUsd" | "callsWithoutEstimate">;
  f: NumberFormats;
}) {
  return (
    <>
      {totals.estimatedCostUsd === null ? (
        <span className="ui-muted">no estimate</span>
      ) : (
        f.formatUsd(totals.estimatedCostUsd)
      )}
      {totals.callsWithoutEstimate > 0 && totals.estimatedCostUsd !== null ? (
        <span className="ui-muted">
          {" "}
          + {f.formatCount(totals.callsWithoutEstimate)} {totals.callsWithoutEstimate === 1 ? "call" : "calls"} without
          an estimate
        </span>
      ) : null}
    </>
  );
}

function MonthSection({ month, f }: { month: UsageMonth; f: NumberFormats }) {
  const title = f.formatMonth(month.month);
  const headingId = `usage-${month.month}-title`;
  return (
    <section className="ui-section ui-stack" aria-labelledby={headingId} data-testid={`usage-month-${month.month}`}>
      <div className="ui-section-head">
        <h2 id={headingId}>{title}</h2>
        <a
          href={`/api/usage.csv?month=${month.month}`}
          download
          className="ui-small"
          data-testid={`usage-csv-${month.month}`}
        >
          Download {title} as CSV
        </a>
      </div>
      <dl className="ui-facts">
        <dt>Calls</dt>
        <dd data-testid="usage-month-calls">{f.formatCount(month.totals.calls)}</dd>
        <dt>Estimated cost</dt>
        <dd data-testid="usage-month-cost">
          <CostCell totals={month.totals} f={f} />
        </dd>
        {(["byok", "server"] as const).map((source) => (
          <FragmentFacts
            key={source}
            title={KEY_SOURCE_TITLES[source]}
            totals={month.byKeySource[source]}
            testId={`usage-month-${source}`}
            f={f}
          />
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
              <tr
                key={`${row.provider}-${row.keySource}`}
                data-testid="usage-row"
                data-provider={row.provider}
                data-key-source={row.keySource}
              >
                <th scope="row">{providerName(row.provider)}</th>
                <td>{KEY_SOURCE_TITLES[row.keySource]}</td>
                <td className="ui-num" data-testid="usage-row-calls">
                  {f.formatCount(row.calls)}
                </td>
                <td className="ui-num">{f.formatDecimal(row.audioSeconds / 60)}</td>
                <td className="ui-num">
                  {f.formatCount(row.inputTokens)} / {f.formatCount(row.outputTokens)}
                </td>
                <td className="ui-num" data-testid="usage-row-cost">
                  <CostCell totals={row} f={f} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function FragmentFacts({
  title,
  totals,
  testId,
  f,
}: {
  title: string;
  totals: UsageTotals;
  testId: string;
  f: NumberFormats;
}) {
  return (
    <>
      <dt>{title}</dt>
      <dd data-testid={testId}>
        {totals.calls === 0 ? (
          "no calls"
        ) : (
          <>
            {f.formatCount(totals.calls)} {totals.calls === 1 ? "call" : "calls"} · <CostCell totals={totals} f={f} />
          </>
        )}
      </dd>
    </>
  );
}

function PriceNote({ summary, f }: { summary: UsageSummary; f: NumberFormats }) {
  const used = summary.ledgerPriceDates;
  const current = [...new Set(summary.priceTables.map((p) => p.takenOn))].sort();
  return (
    <p className="ui-small ui-muted" data-testid="usage-price-note">
      Costs are estimates: the units each provider reported, times the prices in our dated price table, not the
      providers&apos; invoices.{" "}
      {used.length > 0 ? <>The estimates below use the prices of {used.map(f.formatDay).join(", ")}. </> : null}
      The current table has prices as of {current.map(f.formatDay).join(", ")} (
      {summary.priceTables.map((p, i) => (
        <span key={p.provider}>
          {i > 0 ? ", " : null}
          <a href={p.source} target="_blank" rel="noopener noreferrer">
            {PROVIDER_LABELS[p.provider]}
          </a>
          : {f.formatDay(p.takenOn)}
        </span>
      ))}
      ). Months are calendar months in UTC.
    </p>
  );
}

export function UsageScreen({ summary, f }: { summary: UsageSummary; f: NumberFormats }) {
  return (
    <div className="ui-stack" data-testid="usage-screen">
      <PriceNote summary={summary} f={f} />
      <p>
        <a href="/api/usage.csv?month=all" download className="ui-button" data-testid="usage-csv-all">
          Download all calls as CSV
        </a>
      </p>
      {summary.months.length === 0 ? (
        <p className="ui-empty" data-testid="usage-empty">
          No provider calls in the last {USAGE_MONTHS} months.
        </p>
      ) : (
        summary.months.map((month) => <MonthSection key={month.month} month={month} f={f} />)
      )}
    </div>
  );
}
