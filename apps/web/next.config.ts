import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `pnpm typecheck` checks this app with the same tsconfig, once, against the packages'
  // declarations (docs/decisions.md, Tooling); the build would only check it again.
  typescript: { ignoreBuildErrors: true },
  // Workspace packages export TypeScript source; Next compiles them (no build step between packages).
  transpilePackages: [
    "@byok/accounts",
    "@byok/base64url",
    "@byok/byok-cache",
    "@byok/byok-header",
    "@byok/config",
    "@byok/crypto",
    "@byok/logger",
    "@byok/pipeline",
    "@byok/providers",
    "@byok/types",
  ],
  serverExternalPackages: ["pino", "ioredis", "bullmq"],
};

export default config;
