/** Validates the environment when the server starts, so bad config fails before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("~/instrumentation-node");
}
