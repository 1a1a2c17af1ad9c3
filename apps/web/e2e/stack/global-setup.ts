import { startStack } from "~/e2e/stack/start-stack";

/** Playwright runs the returned function as the global teardown. */
export default async function globalSetup() {
  const { teardown } = await startStack();
  return teardown;
}
