/**
 * Page weight on a phone: Lighthouse's mobile audit (simulated 4× slower CPU and a slow 4G link) of
 * every page of the production build, beside an empty Next.js app of the same version built and
 * audited in the same run, in interleaved rounds so the shared machine's noise lands on both.
 *
 *   pnpm --filter @byok/web build && flock /tmp/next.lock pnpm --filter @byok/web bench:lighthouse
 *
 * Writes docs/bench/lighthouse.md. Env: BENCH_LIGHTHOUSE_RUNS (audits per page, default 5),
 * BENCH_LIGHTHOUSE_PAGES (comma-separated page names to audit beside the empty app, for a quick look;
 * such a run prints its table and does not write the file).
 * Goal: every page's performance score within 3 points of the empty app's, and its total blocking
 * time within 100 ms of it (medians).
 */
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";
import { createDatabase, createRecordingRepository } from "@byok/db";
import { freePort } from "@byok/test-utils";
import { newRecordingId } from "@byok/uploads";
import { closeAccountPools, createVerifiedAccount, signInOverHttp } from "~/e2e/support/accounts";
import { startStack } from "~/e2e/stack/start-stack";
import { spawnLogged, waitForHttp, type Spawned } from "~/e2e/stack/processes";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "~/playwright.config";
import { routeJavaScript } from "~/scripts/route-javascript";

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
const ONLY = process.env.BENCH_LIGHTHOUSE_PAGES?.split(",").map((name) => name.trim());
// Where to keep each audit's full report, to see which tasks block a page (Lighthouse's JSON).
const REPORTS_DIR = process.env.BENCH_LIGHTHOUSE_REPORTS;
const WEB_DIR = resolve(import.meta.dirname, "..");
const EMPTY_APP_SOURCE = join(WEB_DIR, "bench", "empty-next-app");
// Built outside apps/web: Next looks for instrumentation and proxy files above an app's directory,
// and would build ours into the reference.
const EMPTY_APP_DIR = resolve(WEB_DIR, "../../.data/bench/empty-next-app");
const NEXT_BIN = join(WEB_DIR, "node_modules", ".bin", "next");
const OUT = resolve(WEB_DIR, "../../docs/bench/lighthouse.md");

interface Target {
  name: string;
  /** The build route whose JavaScript the page loads (for the budget column). */
  route: string;
  url: string;
  cookie?: string;
}

interface Audit {
  score: number;
  tbtMs: number;
  lcpMs: number;
  scriptKb: number;
  unusedScriptKb: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Each audit gets a browser of its own, as the Lighthouse CLI gives each run. In one shared browser,
 * Chromium kept every page of our origin in one renderer process whose heap grew audit after audit
 * (9 MB to 37 MB in a round), and the coverage instrumentation Lighthouse starts on each load walks
 * that whole heap: a 10 ms task on the first page became 80 ms on the eighth, before our code ran,
 * and Lighthouse counted it against the page. The empty app, on another port, got a fresh process.
 */
async function inFreshBrowser<T>(run: (port: number) => Promise<T>): Promise<T> {
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`],
  });
  try {
    return await run(port);
  } finally {
    await browser.close();
  }
}

/** Lighthouse now and then loses a page load on a busy machine (NO_NAVSTART and the like): try again. */
async function audit(target: Target, attempts = 3): Promise<Audit> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inFreshBrowser((port) => auditOnce(port, target));
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.warn(`${target.name}: ${error instanceof Error ? error.message : String(error)}; trying again`);
    }
  }
}

async function auditOnce(port: number, target: Target): Promise<Audit> {
  const result = await lighthouse(target.url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    ...(target.cookie ? { extraHeaders: { Cookie: target.cookie } } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${target.name}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${target.name}: ${lhr.runtimeError.code}`);
  if (REPORTS_DIR) {
    mkdirSync(REPORTS_DIR, { recursive: true });
    const stem = join(REPORTS_DIR, `${target.name.replaceAll(" ", "-")}-${Date.now()}`);
    writeFileSync(`${stem}.json`, JSON.stringify(lhr));
    // The page load's trace (chrome://tracing, DevTools' Performance panel), which names each task.
    writeFileSync(`${stem}.trace.json`, JSON.stringify((result.artifacts as { Trace?: unknown }).Trace ?? null));
  }
  const finalUrl = new URL(lhr.finalDisplayedUrl);
  if (finalUrl.pathname !== new URL(target.url).pathname)
    throw new Error(`${target.name} redirected to ${finalUrl.pathname}`);
  const resources =
    (
      lhr.audits["resource-summary"]?.details as
        { items?: { resourceType: string; transferSize: number }[] } | undefined
    )?.items ?? [];
  const unused =
    (lhr.audits["unused-javascript"]?.details as { overallSavingsBytes?: number } | undefined)?.overallSavingsBytes ??
    0;
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
    lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    scriptKb: (resources.find((r) => r.resourceType === "script")?.transferSize ?? 0) / 1024,
    unusedScriptKb: unused / 1024,
  };
}

async function startEmptyApp(): Promise<{ url: string; process: Spawned }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const logFile = join(WEB_DIR, "test-results", "empty-next-app.log");
  rmSync(EMPTY_APP_DIR, { recursive: true, force: true });
  mkdirSync(EMPTY_APP_DIR, { recursive: true });
  cpSync(EMPTY_APP_SOURCE, EMPTY_APP_DIR, { recursive: true });
  // The same Next.js and React as ours, not a second install.
  symlinkSync(join(WEB_DIR, "node_modules"), join(EMPTY_APP_DIR, "node_modules"));
  const build = spawnLogged("empty-build", NEXT_BIN, ["build", EMPTY_APP_DIR], { cwd: EMPTY_APP_DIR, env, logFile });
  const code = await new Promise<number | null>((done) => build.child.once("exit", done));
  if (code !== 0) throw new Error(`next build of the empty app failed (exit ${code}); see ${logFile}`);
  const port = await freePort();
  const server = spawnLogged(
    "empty-app",
    NEXT_BIN,
    ["start", EMPTY_APP_DIR, "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: EMPTY_APP_DIR,
      env,
      logFile,
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, server.child, 60_000);
  return { url, process: server };
}

/** A signed-in demo user with one finished recording and its two ledger rows, written through the app's own repositories. */
async function seedUser(
  stack: Awaited<ReturnType<typeof startStack>>,
): Promise<{ cookie: string; recordingId: string }> {
  const database = createDatabase({ url: stack.info.databaseUrl, max: 1 });
  try {
    const email = `lighthouse-${randomBytes(3).toString("hex")}@example.com`;
    const account = await createVerifiedAccount(stack.info.databaseUrl, email, "pro");
    const userId = account.userId;
    const recordings = createRecordingRepository(database.db);
    const id = newRecordingId();
    await recordings.create({
      id,
      userId,
      fileName: "weekly-sync.wav",
      audioType: "wav",
      size: 48_000,
      storedPath: "/nonexistent",
    });
    const run = { id, run: 1 };
    const attribution = {
      provider: "openai",
      keySource: "server",
      model: "whisper-1",
      tier: 0,
      fallbackReason: null,
    } as const;
    // Each stage's call goes into the ledger with its result, so the list and Usage show a cost.
    const call = {
      userId,
      recordingId: id,
      run: 1,
      provider: "openai",
      keySource: "server",
      fallbackReason: null,
      outcome: "ok",
      pricesTakenOn: "2025-08-01",
    } as const;
    await recordings.markDispatched(run);
    await recordings.completeStage(run, "stt", {
      attribution,
      transcript: "We agreed to ship the release on Thursday and to review the budget next week.",
      final: false,
      calls: [{ ...call, stage: "stt", model: "whisper-1", tier: 0, audioSeconds: 42, estimatedCostUsd: 0.0042 }],
    });
    await recordings.completeStage(run, "analysis", {
      attribution: { ...attribution, model: "gpt-4o-mini", tier: 1 },
      analysis: {
        summary: "Release on Thursday; budget review next week.",
        keyPoints: ["Ship on Thursday", "Review the budget"],
      },
      final: true,
      calls: [
        {
          ...call,
          stage: "analysis",
          model: "gpt-4o-mini",
          tier: 1,
          inputTokens: 120,
          outputTokens: 40,
          estimatedCostUsd: 0.00004,
        },
      ],
    });
    const cookie = await signInOverHttp(stack.info.baseUrl, email, account.password);
    return { cookie, recordingId: id };
  } finally {
    await database.close();
    await closeAccountPools();
  }
}

function report(
  targets: Target[],
  results: Map<string, Audit[]>,
  jsByRoute: Map<string, number>,
  emptyJsKb: number,
  load: string,
): string {
  const empty = results.get("empty Next.js app")!;
  const emptyScore = median(empty.map((a) => a.score));
  const emptyTbt = median(empty.map((a) => a.tbtMs));
  const rows = targets.map((target) => {
    const audits = results.get(target.name)!;
    const score = median(audits.map((a) => a.score));
    const tbt = median(audits.map((a) => a.tbtMs));
    const isEmpty = target.name === "empty Next.js app";
    const scoreOk = score >= emptyScore - 3;
    const tbtOk = tbt <= emptyTbt + 100;
    const scores = audits.map((a) => a.score);
    const tbts = audits.map((a) => a.tbtMs);
    const js = isEmpty ? emptyJsKb : (jsByRoute.get(target.route) ?? NaN);
    return `| ${target.name} | **${score}** (${Math.min(...scores)}–${Math.max(...scores)}) | **${Math.round(tbt)}** (${Math.round(Math.min(...tbts))}–${Math.round(Math.max(...tbts))}) | ${Math.round(median(audits.map((a) => a.lcpMs)))} | ${js.toFixed(1)} | ${median(audits.map((a) => a.unusedScriptKb)).toFixed(1)} | ${isEmpty ? "reference" : `${scoreOk ? "met" : "**not met**"} / ${tbtOk ? "met" : "**not met**"}`} |`;
  });
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  return `# Page weight on a phone (Lighthouse, mobile)

What it measures: Lighthouse 12's performance audit with its mobile preset (a Moto G Power-sized
screen, a slow 4G link and a 4× slower CPU, simulated) on every page of the production build,
signed in as a demo user (sign-in signed out), next to an empty Next.js app of the same version that
the run builds and audits itself (\`apps/web/bench/empty-next-app\`, built in \`.data/bench\`).
Audits are interleaved, one of each page per round, so the shared machine's noise lands on all of
them. Lighthouse simulates the slow phone from the tasks it observes here, so a busy machine
lengthens every page's tasks: compare pages within a run, and read the load average below.

Goal: every page's performance score within 3 points of the empty app's, and its total blocking time
(TBT) within 100 ms of it, comparing medians.

## Command

\`\`\`sh
pnpm --filter @byok/web build
flock /tmp/next.lock pnpm --filter @byok/web bench:lighthouse   # BENCH_LIGHTHOUSE_RUNS=5 audits per page
\`\`\`

The script (\`apps/web/bench/lighthouse-bench.ts\`) starts the same stack as Playwright (no worker),
seeds one finished recording for the detail page, builds and starts the empty app, then runs
Lighthouse (npm \`lighthouse\` 12.8, Node API) against Debian's Chromium started by Playwright with the
house flags. Each audit gets a browser of its own, as the Lighthouse CLI gives each run: in one shared
browser, every page of our origin ran in one renderer whose heap grew from audit to audit, and the
coverage instrumentation Lighthouse starts on each load walks that heap, a task that grew from 10 ms
to 80 ms over a round and that Lighthouse counted against the page.

## Result (${date} UTC, ${RUNS} audits per page, ${cpus().length} shared cores, Node ${process.version}, load average ${load})

| page | score, median (min–max) | TBT ms, median (min–max) | LCP ms | JS kB gzip (build) | unused JS kB | goal: score / TBT |
|---|---|---|---|---|---|---|
${rows.join("\n")}

Empty app: score ${emptyScore}, TBT ${Math.round(emptyTbt)} ms. "JS kB gzip" is what the page loads on a
first visit according to the build's manifests (the figure \`scripts/check-js-budget.ts\` holds to
\`apps/web/js-budget.json\`); "unused JS" is Lighthouse's estimate of script bytes the page never ran.
`;
}

async function main() {
  const stack = await startStack({ worker: false });
  let empty: { url: string; process: Spawned } | undefined;
  try {
    empty = await startEmptyApp();
    const { cookie, recordingId } = await seedUser(stack);
    const base = stack.info.baseUrl;
    const allTargets: Target[] = [
      { name: "empty Next.js app", route: "/", url: empty.url },
      { name: "home", route: "/", url: `${base}/`, cookie },
      { name: "sign-in", route: "/sign-in", url: `${base}/sign-in` },
      { name: "settings", route: "/settings", url: `${base}/settings`, cookie },
      { name: "API keys", route: "/settings/api-keys", url: `${base}/settings/api-keys`, cookie },
      { name: "recordings", route: "/recordings", url: `${base}/recordings`, cookie },
      { name: "recording detail", route: "/recordings/[id]", url: `${base}/recordings/${recordingId}`, cookie },
      { name: "usage", route: "/usage", url: `${base}/usage`, cookie },
    ];
    const targets = ONLY
      ? allTargets.filter((t) => t.name === "empty Next.js app" || ONLY.includes(t.name))
      : allTargets;
    // One unmeasured audit of each page first: it warms the servers (a route's first render loads
    // its server code) so that no page's figures include a one-off start-up cost.
    for (const target of targets) await audit(target);
    const results = new Map<string, Audit[]>(targets.map((t) => [t.name, []]));
    const loadAtStart = loadavg()[0]!;
    for (let round = 1; round <= RUNS; round++) {
      for (const target of targets) {
        const result = await audit(target);
        results.get(target.name)!.push(result);
        console.log(
          `round ${round}/${RUNS} ${target.name.padEnd(18)} score ${result.score} TBT ${Math.round(result.tbtMs)} ms`,
        );
      }
    }
    const jsByRoute = new Map(routeJavaScript(join(WEB_DIR, ".next")).map((r) => [r.route, r.gzipBytes / 1024]));
    const emptyJs = routeJavaScript(join(EMPTY_APP_DIR, ".next")).find((r) => r.route === "/")?.gzipBytes ?? NaN;
    const load = `${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`;
    const markdown = report(targets, results, jsByRoute, emptyJs / 1024, load);
    if (!ONLY) writeFileSync(OUT, markdown);
    console.log(markdown);
  } finally {
    await empty?.process.stop();
    await stack.teardown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
