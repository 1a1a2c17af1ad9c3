import { describe, expect, it } from "vitest";
import { actualReferences, expectedReferences, workspaceProjects } from "./tsconfig-references";

describe("tsconfig project references", () => {
  const all = workspaceProjects();
  it.each(all.map((p) => [p.name, p] as const))(
    "%s references exactly its workspace dependencies",
    (_name, project) => {
      expect(actualReferences(project.dir)).toEqual(expectedReferences(project, all));
    },
  );
});
