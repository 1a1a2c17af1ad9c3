/**
 * Fails the web build when a page loads more JavaScript than js-budget.json allows. Run after
 * `next build` (the package's build script does); prints every page's figure either way.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { routeJavaScript } from "~/scripts/route-javascript";

const webDir = resolve(import.meta.dirname, "..");
const budget = JSON.parse(readFileSync(resolve(webDir, "js-budget.json"), "utf8")) as {
  default: number;
  routes: Record<string, number>;
};

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
let over = 0;
for (const page of routeJavaScript(resolve(webDir, ".next"))) {
  const limit = budget.routes[page.route] ?? budget.default;
  const ok = page.gzipBytes <= limit * 1024;
  if (!ok) over++;
  process.stdout.write(
    `${ok ? "ok  " : "OVER"} ${page.route.padEnd(22)} ${kb(page.gzipBytes).padStart(6)} kB gzip (budget ${limit} kB; ${kb(page.bytes)} kB raw, ${page.files.length} files)\n`,
  );
}
if (over > 0) {
  console.error(`JavaScript budget exceeded on ${over} page(s): see apps/web/js-budget.json and docs/ui.md.`);
  process.exit(1);
}
