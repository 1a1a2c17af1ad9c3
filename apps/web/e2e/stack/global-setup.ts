import { startStack } from "./start-stack";

/** Playwright runs the returned function as the global teardown. */
export default async function globalSetup() {
  const { teardown } = await startStack();
  return teardown;
}
