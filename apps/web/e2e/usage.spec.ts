import { parse } from "csv-parse/sync";
import pg from "pg";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { captureScreens } from "~/e2e/journeys/helpers/screenshots";
import { seedRecording } from "~/e2e/journeys/helpers/seed-recordings";
import { expect, test } from "~/e2e/fixtures";

// The page formats in the browser's locale; the expected figures are formatted the same way here.
test.use({ locale: "en-US" });
// Four axe passes and pictures (two widths, two schemes) on top of the checks.
test.setTimeout(180_000);

const usd = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function utcMonth(date: Date, back = 0): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

test("the Usage page and its CSV agree with the ledger in PostgreSQL", async ({ page, stack, signedInUser }) => {
  const userId = signedInUser.userId;
  const recordingId = await seedRecording(stack, userId, "ledger.wav", "failed");
  const now = new Date();
  const thisMonth = utcMonth(now);
  const lastMonth = utcMonth(now, 1);
  const lastMonthDay = `${lastMonth}-15T12:00:00Z`;

  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    // Known ledger rows: own and platform keys, two providers, two months, one call without units.
    const insert = `insert into provider_calls (user_id, recording_id, stage, run, provider, model, tier, key_source, fallback_reason, outcome,
      audio_seconds, input_tokens, output_tokens, estimated_cost_usd, prices_taken_on, created_at)
      values ($1, $2, $3, 1, $4, $5, 0, $6, $7, $8, $9, $10, $11, $12, $13, coalesce($14::timestamptz, now()))`;
    const rows: unknown[][] = [
      ["stt", "openai", "whisper-1", "byok", null, "ok", 90, null, null, "0.009", "2025-08-01", null],
      ["analysis", "openai", "gpt-4o-mini", "byok", null, "quota_exceeded", null, null, null, null, null, null],
      [
        "analysis",
        "anthropic",
        "claude-3-5-haiku-latest",
        "server",
        "quota_exceeded",
        "ok",
        null,
        2000,
        300,
        "0.0028",
        "2025-08-01",
        null,
      ],
      [
        "stt",
        "groq",
        "whisper-large-v3-turbo",
        "byok",
        null,
        "ok",
        600,
        null,
        null,
        "0.004",
        "2025-08-01",
        lastMonthDay,
      ],
    ];
    for (const r of rows) await db.query(insert, [userId, recordingId, ...r]);

    await page.goto("/settings");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
    await expect(page).toHaveURL(/\/usage$/);
    await expect(page.getByTestId("usage-screen")).toBeVisible();
    await expect(page.getByTestId("usage-price-note")).toContainText("Costs are estimates");
    await expect(page.getByTestId("usage-price-note")).toContainText("Aug 1, 2025");

    // Each month's figures, from SQL, as the page must show them.
    const perMonth = await db.query<{
      month: string;
      calls: number;
      cost: string;
      byok_calls: number;
      byok_cost: string | null;
      server_calls: number;
      server_cost: string | null;
    }>(
      `select to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, count(*)::int as calls, sum(estimated_cost_usd)::text as cost,
         (count(*) filter (where key_source = 'byok'))::int as byok_calls, (sum(estimated_cost_usd) filter (where key_source = 'byok'))::text as byok_cost,
         (count(*) filter (where key_source = 'server'))::int as server_calls, (sum(estimated_cost_usd) filter (where key_source = 'server'))::text as server_cost
       from provider_calls where user_id = $1 group by 1 order by 1 desc`,
      [userId],
    );
    expect(perMonth.rows.map((r) => r.month)).toEqual([thisMonth, lastMonth]);
    for (const m of perMonth.rows) {
      const section = page.getByTestId(`usage-month-${m.month}`);
      await expect(section.getByTestId("usage-month-calls")).toHaveText(count.format(m.calls));
      await expect(section.getByTestId("usage-month-cost")).toContainText(usd.format(Number(m.cost)));
      await expect(section.getByTestId("usage-month-byok")).toContainText(`${count.format(m.byok_calls)} call`);
      if (m.byok_cost !== null)
        await expect(section.getByTestId("usage-month-byok")).toContainText(usd.format(Number(m.byok_cost)));
      if (m.server_cost !== null)
        await expect(section.getByTestId("usage-month-server")).toContainText(usd.format(Number(m.server_cost)));
    }
    const perRow = await db.query<{ provider: string; key_source: string; calls: number }>(
      `select provider, key_source::text, count(*)::int as calls from provider_calls
       where user_id = $1 and to_char(created_at at time zone 'UTC', 'YYYY-MM') = $2 group by 1, 2`,
      [userId, thisMonth],
    );
    const tableRows = page.getByTestId(`usage-month-${thisMonth}`).getByTestId("usage-row");
    await expect(tableRows).toHaveCount(perRow.rows.length);
    for (const r of perRow.rows) {
      const row = page
        .getByTestId(`usage-month-${thisMonth}`)
        .locator(`[data-provider="${r.provider}"][data-key-source="${r.key_source}"]`);
      await expect(row.getByTestId("usage-row-calls")).toHaveText(count.format(r.calls));
    }
    await expectAccessible(page, "usage");

    // The CSV behind the page's link: one row per call in the ledger, with the same total.
    const href = await page.getByTestId("usage-csv-all").getAttribute("href");
    expect(href).toBe("/api/usage.csv?month=all");
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toBe('attachment; filename="usage-all.csv"');
    expect(download.headers()["cache-control"]).toBe("no-store");
    const csv = parse(await download.text(), { columns: true }) as Record<string, string>[];
    const ledger = await db.query<{
      created_at: Date;
      provider: string;
      outcome: string;
      estimated_cost_usd: string | null;
    }>(
      "select created_at, provider, outcome, estimated_cost_usd::text from provider_calls where user_id = $1 order by id",
      [userId],
    );
    expect(csv.map((r) => [r.date, r.provider, r.outcome, r.estimated_cost_usd])).toEqual(
      ledger.rows.map((r) => [r.created_at.toISOString(), r.provider, r.outcome, r.estimated_cost_usd ?? ""]),
    );
    const csvTotal = csv.reduce((sum, r) => sum + Number(r.estimated_cost_usd || 0), 0);
    const sqlTotal = await db.query<{ total: string }>(
      "select sum(estimated_cost_usd)::text as total from provider_calls where user_id = $1",
      [userId],
    );
    expect(csvTotal).toBeCloseTo(Number(sqlTotal.rows[0]!.total), 10);
    expect(csv.every((r) => r.recording_id === recordingId)).toBe(true);

    const month = await page.request.get(`/api/usage.csv?month=${lastMonth}`);
    expect((parse(await month.text(), { columns: true }) as unknown[]).length).toBe(1);

    // Signed out, the export is refused.
    const signedOut = await page.context().browser()!.newContext({ baseURL: stack.baseUrl });
    try {
      expect((await signedOut.request.get("/api/usage.csv")).status()).toBe(401);
    } finally {
      await signedOut.close();
    }

    // The recordings list shows who paid and the estimate; the recording page, per stage.
    await page.goto(`/recordings/${recordingId}`);
    await expect(page.getByTestId("recording-list-cost")).toHaveText(
      `Paid by: Own key and platform · ≈ ${usd.format(0.0158)}`,
    );
    await expect(page.getByTestId("stage-stt-cost")).toHaveText(
      `Paid by: Own key · estimated ${usd.format(0.013)} · 2 provider calls`,
    );
    await expect(page.getByTestId("stage-analysis-cost")).toHaveText(
      `Paid by: Platform · estimated ${usd.format(0.0028)} · 2 provider calls`,
    );

    await page.goto("/usage");
    await expect(page.getByTestId("usage-screen")).toBeVisible();
    await captureScreens(page, "usage-ledger");
  } finally {
    await db.end();
  }
});
