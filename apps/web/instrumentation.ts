/** Validates the environment when the server starts, so bad config fails before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv, isBuildPhase, EnvError } = await import("./env");
  if (isBuildPhase()) return;
  try {
    getEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
