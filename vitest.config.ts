import { defineConfig } from "vitest/config";
import projects from "./vitest.workspace";

export default defineConfig({
  test: {
    projects,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
