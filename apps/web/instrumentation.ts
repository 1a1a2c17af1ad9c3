/** Validates the environment when the server starts, so bad config fails before the first request. */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next sets NEXT_RUNTIME per bundle at build time; it is not configuration.
  if (process.env.NEXT_RUNTIME === "nodejs") await import("~/instrumentation-node");
}
