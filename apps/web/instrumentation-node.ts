import { EnvError, getEnv, isBuildPhase } from "~/env";

if (!isBuildPhase()) {
  try {
    getEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    // The message names the variables and what is wrong with them, never their values.
    console.error(err.message);
    process.exit(1);
  }
}
