import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, expect, it } from "vitest";
import { routeJavaScript } from "~/scripts/route-javascript";

const dist = mkdtempSync(join(tmpdir(), "route-js-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function write(path: string, content: string) {
  mkdirSync(join(dist, path, ".."), { recursive: true });
  writeFileSync(join(dist, path), content);
}

function manifest(route: string, entries: Record<string, string[]>) {
  return `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(route)}] = ${JSON.stringify({ entryJSFiles: entries })};`;
}

it("adds the shared runtime to each page's own chunks, counts a shared chunk once, and names routes by URL", () => {
  write("build-manifest.json", JSON.stringify({ rootMainFiles: ["static/chunks/runtime.js"] }));
  write("static/chunks/runtime.js", "r".repeat(1000));
  write("static/chunks/layout.js", "l".repeat(300));
  write("static/chunks/keys.js", "k".repeat(500));
  write("static/chunks/page.css", "c".repeat(9999));
  write(
    "server/app/(settings)/settings/api-keys/page_client-reference-manifest.js",
    manifest("/(settings)/settings/api-keys/page", {
      "app/layout": ["static/chunks/layout.js"],
      "app/(settings)/settings/api-keys/page": [
        "static/chunks/layout.js",
        "static/chunks/keys.js",
        "static/chunks/page.css",
      ],
    }),
  );
  write(
    "server/app/page_client-reference-manifest.js",
    manifest("/page", { "app/layout": ["static/chunks/layout.js"] }),
  );

  const pages = routeJavaScript(dist);
  expect(pages.map((p) => [p.route, p.bytes, p.files.length])).toEqual([
    ["/", 1300, 2],
    ["/settings/api-keys", 1800, 3],
  ]);
  const gzip = (n: number, c: string) => gzipSync(c.repeat(n)).length;
  expect(pages[1]!.gzipBytes).toBe(gzip(1000, "r") + gzip(300, "l") + gzip(500, "k"));
});
