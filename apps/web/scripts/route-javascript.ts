import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

export interface RouteJavaScript {
  /** The URL pattern, e.g. "/recordings/[id]" (route groups left out). */
  route: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

interface ClientReferenceManifest {
  entryJSFiles?: Record<string, string[]>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** "(settings)/settings/api-keys/page_client-reference-manifest.js" → "/settings/api-keys". */
function routeOf(manifestPath: string, appDir: string): string {
  const segments = relative(appDir, manifestPath).split(sep).slice(0, -1);
  return `/${segments.filter((s) => !(s.startsWith("(") && s.endsWith(")"))).join("/")}`;
}

/**
 * The JavaScript each page of a `next build` loads on a first visit: the runtime every page shares
 * (`rootMainFiles` of build-manifest.json) plus the chunks of the page's own segments (its layouts and
 * the page, `entryJSFiles` of the page's client reference manifest). Read from the build's manifests,
 * so it counts what the server sends, not what the source imports.
 */
export function routeJavaScript(distDir: string): RouteJavaScript[] {
  const buildManifest = JSON.parse(readFileSync(join(distDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const appDir = join(distDir, "server", "app");
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (!size) {
      const content = readFileSync(join(distDir, file));
      size = { bytes: content.length, gzipBytes: gzipSync(content).length };
      sizes.set(file, size);
    }
    return size;
  };

  return filesUnder(appDir)
    .filter((path) => path.endsWith(`${sep}page_client-reference-manifest.js`))
    .map((path) => {
      // The manifest is a script that assigns itself to a global; run it against an empty one.
      const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
      runInNewContext(readFileSync(path, "utf8"), { globalThis: sandbox });
      const files = new Set(buildManifest.rootMainFiles);
      for (const manifest of Object.values(sandbox.__RSC_MANIFEST ?? {})) {
        for (const chunks of Object.values(manifest.entryJSFiles ?? {})) for (const chunk of chunks) files.add(chunk);
      }
      const list = [...files].filter((file) => file.endsWith(".js"));
      return {
        route: routeOf(path, appDir),
        files: list,
        bytes: list.reduce((sum, file) => sum + sizeOf(file).bytes, 0),
        gzipBytes: list.reduce((sum, file) => sum + sizeOf(file).gzipBytes, 0),
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}
