/**
 * Project references follow package.json: each package or app references exactly the workspace
 * packages it depends on, so `tsc -b` type-checks every package once, in dependency order. Run
 * `pnpm exec tsx scripts/lib/tsconfig-references.ts --write` after adding a workspace dependency;
 * `tsconfig-references.test.ts` fails while a tsconfig disagrees with its package.json.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

interface Project {
  dir: string;
  name: string;
  deps: string[];
}

export function workspaceProjects(): Project[] {
  // The root's own project (scripts/, configs) too: it imports workspace packages like any other.
  const dirs = [
    root,
    ...["apps", "packages"].flatMap((group) =>
      readdirSync(join(root, group))
        .map((d) => join(root, group, d))
        .filter((d) => existsSync(join(d, "package.json")) && existsSync(join(d, "tsconfig.json"))),
    ),
  ];
  return dirs.map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      name: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const deps = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })
      .filter(([, version]) => version.startsWith("workspace:"))
      .map(([name]) => name);
    return { dir, name: pkg.name, deps };
  });
}

/** The references a project's tsconfig should have: one per workspace dependency, sorted. */
export function expectedReferences(project: Project, all: Project[]): string[] {
  const byName = new Map(all.map((p) => [p.name, p.dir]));
  return project.deps
    .map((name) => byName.get(name))
    .filter((dir): dir is string => dir !== undefined)
    .map((dir) => relative(project.dir, dir))
    .sort();
}

export function actualReferences(dir: string): string[] {
  const config = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { references?: { path: string }[] };
  return (config.references ?? []).map((r) => r.path).sort();
}

if (process.argv.includes("--write")) {
  const all = workspaceProjects();
  for (const project of all) {
    const file = join(project.dir, "tsconfig.json");
    const config = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    config.references = expectedReferences(project, all).map((path) => ({ path }));
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  }
}
