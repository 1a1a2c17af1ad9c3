import { defineConfig } from "vitest/config";
import projects from "./vitest.workspace";

export default defineConfig({
  test: {
    projects,
    testTimeout: 30_000,
    // A bound on waiting for an eventual state, not a speed assertion: this machine is shared.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 60_000,
  },
});
