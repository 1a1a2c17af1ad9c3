import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { userIdForEmail } from "../../lib/auth/user-id";
import { emulatorProviderEnv, startEmulator, type Emulator } from "@byok/provider-emulator";
import { pgTestDatabase, type PgTestDatabase } from "@byok/db/testing";
import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import type { Plan } from "@byok/types";
import { serveFetchHandler, type ServedHandler } from "~/test/serve-fetch-handler";

export interface CallOptions {
  input?: unknown;
  cookie?: string;
  byokHeader?: string;
  /** Defaults: mutations are same-origin JSON, as the browser client sends them. */
  origin?: string | null;
  contentType?: string | null;
  body?: BodyInit;
  extraHeaders?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface ServerStack {
  url: string;
  ns: RedisTestNamespace;
  pg: PgTestDatabase;
  emulator: Emulator;
  served: ServedHandler;
  tokenSecret: string;
  /** Every log line the server wrote during this file's tests. */
  logs: string[];
  signIn(email: string, plan?: Plan): Promise<{ userId: string; cookie: string }>;
  query(path: string, opts?: CallOptions): Promise<CallResult>;
  mutation(path: string, opts?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

/**
 * The real route handler behind a real HTTP server, real Redis under a per-file prefix, and the
 * provider emulator in-process. Env is set before the app's first (lazy) read of it.
 */
export async function startServerStack(opts: { env?: Record<string, string>; slowMs?: number } = {}): Promise<ServerStack> {
  const ns = await redisTestNamespace("web");
  const pg = await pgTestDatabase("web");
  const emulator = await startEmulator({ ...(opts.slowMs !== undefined ? { slowMs: opts.slowMs } : {}) });
  const tokenSecret = randomBytes(32).toString("base64");
  const sessionSecret = randomBytes(32).toString("base64url");
  Object.assign(process.env, {
    BYOK_REDIS_PREFIX: ns.prefix,
    DATABASE_URL: pg.url,
    PLATFORM_TOKEN_SECRET: tokenSecret,
    SESSION_SECRET: sessionSecret,
    ...emulatorProviderEnv(emulator.baseUrls),
    LOG_LEVEL: "debug",
    ...opts.env,
  });

  const logs: string[] = [];
  const { setLogDestination } = await import("~/lib/server/logger");
  setLogDestination(
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const trpcRoute = await import("~/app/api/trpc/[trpc]/route");
  const uploadRoute = await import("~/app/api/recordings/route");
  const healthRoute = await import("~/app/api/health/route");
  const { closeRedis } = await import("~/lib/server/redis");
  const { getServices } = await import("~/lib/server/services");
  const { sealSession } = await import("~/lib/session/session");
  const served = await serveFetchHandler({
    "/api/trpc": (req) => (req.method === "GET" ? trpcRoute.GET(req) : trpcRoute.POST(req)),
    "/api/recordings": (req) => uploadRoute.POST(req),
    "/api/health": () => healthRoute.GET(),
  });

  const send = async (method: "GET" | "POST", path: string, o: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...o.extraHeaders };
    if (o.cookie) headers.cookie = o.cookie;
    if (o.byokHeader !== undefined) headers["x-byok-key"] = o.byokHeader;
    let url = `${served.url}/api/trpc/${path}`;
    let body: BodyInit | undefined;
    if (method === "GET") {
      if (o.input !== undefined) url += `?input=${encodeURIComponent(JSON.stringify(o.input))}`;
    } else {
      const origin = o.origin === undefined ? served.url : o.origin;
      if (origin !== null) headers.origin = origin;
      const contentType = o.contentType === undefined ? "application/json" : o.contentType;
      if (contentType !== null) headers["content-type"] = contentType;
      body = o.body ?? (o.input === undefined ? undefined : JSON.stringify(o.input));
    }
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  };

  return {
    url: served.url,
    ns,
    pg,
    emulator,
    served,
    tokenSecret,
    logs,
    async signIn(email, plan = "pro") {
      const userId = userIdForEmail(email);
      await getServices().accounts.ensure({ id: userId, email, plan });
      const sealed = await sealSession({ userId, email, issuedAt: Date.now() }, sessionSecret);
      return { userId, cookie: `byok_session=${sealed}` };
    },
    query: (path, o) => send("GET", path, o),
    mutation: (path, o) => send("POST", path, o),
    async close() {
      await served.close();
      await getServices().close();
      await closeRedis();
      await emulator.close();
      await ns.cleanup();
      await pg.cleanup();
    },
  };
}

/** tRPC's error body for a non-batched call. */
export function errorOf(result: CallResult): { message: string; code: string; retryAfterSeconds?: number } {
  const body = result.json as { error?: { message: string; data: { code: string; retryAfterSeconds?: number } } };
  if (!body?.error) throw new Error(`expected an error body, got ${result.status}: ${result.text.slice(0, 200)}`);
  return { message: body.error.message, code: body.error.data.code, ...(body.error.data.retryAfterSeconds !== undefined ? { retryAfterSeconds: body.error.data.retryAfterSeconds } : {}) };
}

export function dataOf<T>(result: CallResult): T {
  const body = result.json as { result?: { data: T } };
  if (!body?.result) throw new Error(`expected a result body, got ${result.status}: ${result.text.slice(0, 300)}`);
  return body.result.data;
}
