import type { NextConfig } from "next";
import { PERMISSIONS_POLICY } from "~/lib/security/security-headers";

/** API answers are JSON for our own pages: nothing may frame, sniff, cache or embed them. */
const API_HEADERS = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Cache-Control", value: "no-store" },
];

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `pnpm typecheck` checks this app with the same tsconfig, once, against the packages'
  // declarations (docs/decisions.md, Tooling); the build would only check it again.
  typescript: { ignoreBuildErrors: true },
  // Workspace packages export TypeScript source; Next compiles them (no build step between packages).
  transpilePackages: [
    "@byok/audio",
    "@byok/base64url",
    "@byok/byok-cache",
    "@byok/byok-header",
    "@byok/config",
    "@byok/crypto",
    "@byok/db",
    "@byok/logger",
    "@byok/pipeline",
    "@byok/providers",
    "@byok/types",
    "@byok/uploads",
  ],
  serverExternalPackages: ["pino", "ioredis", "bullmq", "pg", "busboy"],
  async headers() {
    return [{ source: "/api/:path*", headers: API_HEADERS }];
  },
};

export default config;
