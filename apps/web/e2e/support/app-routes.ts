import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

/** Next's name for the page it shows at an address nothing answers; ours is app/not-found.tsx. */
export const NOT_FOUND_ROUTE = "/_not-found";

function pagesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "api" && dir === APP_DIR ? [] : pagesUnder(full);
    return name === "page.tsx" ? [full] : [];
  });
}

/**
 * Every screen route of the web app, read from apps/web/app: "/settings/api-keys",
 * "/recordings/[id]", … (route groups left out), and the not-found page.
 */
export function appScreenRoutes(): string[] {
  const routes = pagesUnder(APP_DIR).map((file) => {
    const segments = path
      .relative(APP_DIR, path.dirname(file))
      .split(path.sep)
      .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
    return `/${segments.join("/")}`;
  });
  if (existsSync(path.join(APP_DIR, "not-found.tsx"))) routes.push(NOT_FOUND_ROUTE);
  return routes.sort();
}

/** Does `pathname` ("/recordings/rec_1") belong to `route` ("/recordings/[id]")? */
export function routeMatches(route: string, pathname: string): boolean {
  const pattern = route
    .split("/")
    .map((segment) => (/^\[.+\]$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|\\]/g, "\\$&")));
  return new RegExp(`^${pattern.join("/")}/?$`).test(pathname);
}
