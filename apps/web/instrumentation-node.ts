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
  // Said once at start, in the log, as well as in /api/health on every check.
  const [{ getServices }, { maxmemoryWarning, redisMaxmemoryPolicy }] = await Promise.all([
    import("./lib/server/services"),
    import("@byok/pipeline"),
  ]);
  const services = getServices();
  redisMaxmemoryPolicy(services.redis)
    .then((policy) => {
      const warning = maxmemoryWarning(policy);
      if (warning) services.logger.warn({ check: "redis-maxmemory-policy" }, warning);
    })
    // An unreachable Redis is reported by /api/health and by the first request that needs it.
    .catch(() => undefined);
}
