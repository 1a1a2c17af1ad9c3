import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { readMailSink, type SunkMail } from "~/lib/mail/mailer";
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
  /** What the app mailed (the sink directory), newest first. */
  mails(): Promise<SunkMail[]>;
  /**
   * A verified account on `plan`, made as an operator would (lib/auth/admin-users.ts), then signed
   * in through the real sign-in endpoint: `cookie` is the session cookie it set.
   */
  signIn(
    email: string,
    plan?: Plan,
    opts?: { ip?: string },
  ): Promise<{ userId: string; cookie: string; password: string }>;
  /** Signs in an existing account through the endpoint; the raw response. */
  signInWithPassword(
    email: string,
    password: string,
    opts?: { ip?: string },
  ): Promise<CallResult & { cookie: string | null }>;
  /** Any request to the served app, with same-origin defaults for POST. */
  request(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: BodyInit },
  ): Promise<CallResult>;
  query(path: string, opts?: CallOptions): Promise<CallResult>;
  mutation(path: string, opts?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

/**
 * The real route handler behind a real HTTP server, real Redis under a per-file prefix, and the
 * provider emulator in-process. Env is set before the app's first (lazy) read of it.
 */
export async function startServerStack(
  opts: { env?: Record<string, string>; slowMs?: number; trustedProxies?: string[] } = {},
): Promise<ServerStack> {
  const ns = await redisTestNamespace("web");
  const pg = await pgTestDatabase("web");
  const emulator = await startEmulator({ ...(opts.slowMs !== undefined ? { slowMs: opts.slowMs } : {}) });
  const tokenSecret = randomBytes(32).toString("base64");
  const sessionSecret = randomBytes(32).toString("base64url");
  const mailDir = await mkdtemp(join(tmpdir(), "byok-mail-"));
  Object.assign(process.env, {
    MAIL_SINK_DIR: mailDir,
    BYOK_REDIS_PREFIX: ns.prefix,
    DATABASE_URL: pg.url,
    PLATFORM_TOKEN_SECRET: tokenSecret,
    SESSION_SECRET: sessionSecret,
    ...emulatorProviderEnv(emulator.baseUrls),
    LOG_LEVEL: "debug",
    // Every test signs its users in from 127.0.0.1; the files that test these limits lower them.
    AUTH_IP_RATE_LIMIT_POINTS: "10000",
    SIGN_UP_IP_RATE_LIMIT_POINTS: "10000",
    TESTKEY_IP_RATE_LIMIT_POINTS: "10000",
    TESTKEY_GLOBAL_RATE_LIMIT_POINTS: "100000",
    CACHE_KEYS_RATE_LIMIT_POINTS: "1000",
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
  const authRoute = await import("~/app/api/auth/[...all]/route");
  const billingRoute = await import("~/app/api/billing/webhook/route");
  const { saveVerifiedUser } = await import("~/lib/auth/admin-users");
  const served = await serveFetchHandler(
    {
      "/api/trpc": (req) => (req.method === "GET" ? trpcRoute.GET(req) : trpcRoute.POST(req)),
      "/api/recordings": (req) => uploadRoute.POST(req),
      "/api/health": () => healthRoute.GET(),
      "/api/auth": (req) => (req.method === "GET" ? authRoute.GET(req) : authRoute.POST(req)),
      "/api/billing/webhook": (req) => billingRoute.POST(req),
    },
    { trustedProxies: new Set(opts.trustedProxies ?? []) },
  );
  // The app's origin is this server's: e-mail links and the sign-in origin check use it.
  if (!opts.env?.APP_URL) process.env.APP_URL = served.url;

  const toResult = async (res: Response): Promise<CallResult> => {
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  const request: ServerStack["request"] = async (path, init = {}) => {
    const method = init.method ?? "GET";
    const headers: Record<string, string> =
      method === "GET" ? {} : { origin: served.url, "content-type": "application/json" };
    return toResult(
      await fetch(`${served.url}${path}`, {
        method,
        headers: { ...headers, ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
      }),
    );
  };
  const signInWithPassword: ServerStack["signInWithPassword"] = async (email, password, o = {}) => {
    const result = await request("/api/auth/sign-in/email", {
      method: "POST",
      headers: o.ip ? { "x-forwarded-for": o.ip } : {},
      body: JSON.stringify({ email, password }),
    });
    const session = result.headers.getSetCookie().find((c) => /^(__Secure-)?byok\.session_token=/.test(c));
    return { ...result, cookie: session ? session.split(";")[0]! : null };
  };

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
    return toResult(await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) }));
  };

  return {
    url: served.url,
    ns,
    pg,
    emulator,
    served,
    tokenSecret,
    logs,
    mails: () => readMailSink(mailDir),
    request,
    signInWithPassword,
    async signIn(email, plan = "pro", o = {}) {
      const password = `pw-${randomBytes(9).toString("base64url")}`;
      const account = await saveVerifiedUser(getServices().accounts, { email, password, plan });
      const result = await signInWithPassword(email, password, o);
      if (!result.cookie) throw new Error(`sign-in failed for ${email}: ${result.status} ${result.text.slice(0, 200)}`);
      return { userId: account.id, cookie: result.cookie, password };
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
      await rm(mailDir, { recursive: true, force: true });
    },
  };
}

/** tRPC's error body for a non-batched call. */
export function errorOf(result: CallResult): { message: string; code: string; retryAfterSeconds?: number } {
  const body = result.json as { error?: { message: string; data: { code: string; retryAfterSeconds?: number } } };
  if (!body?.error) throw new Error(`expected an error body, got ${result.status}: ${result.text.slice(0, 200)}`);
  return {
    message: body.error.message,
    code: body.error.data.code,
    ...(body.error.data.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: body.error.data.retryAfterSeconds }
      : {}),
  };
}

export function dataOf<T>(result: CallResult): T {
  const body = result.json as { result?: { data: T } };
  if (!body?.result) throw new Error(`expected a result body, got ${result.status}: ${result.text.slice(0, 300)}`);
  return body.result.data;
}
