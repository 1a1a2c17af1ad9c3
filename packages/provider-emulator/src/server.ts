import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PROVIDERS, type Provider } from "@byok/types";
import { CallLog, type CallFilter, type EmulatorCall, requestIdOf, usageOf } from "./call-log";
import { type Fault, FaultSchedule } from "./faults";
import { isLoopback, readBody, type Reply } from "./http-util";
import { keyBehaviour, keyFingerprint } from "./keys";
import { EMULATOR_MODULES } from "./modules";
import type { Handled } from "./provider-handler";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** How long a `slow` key waits before answering. */
  slowMs?: number;
  /** Called after each provider call is recorded (the CLI prints it). */
  onCall?: (call: EmulatorCall) => void;
}

export interface Emulator {
  url: string;
  baseUrls: Record<Provider, string>;
  close(): Promise<void>;
  calls(filter?: CallFilter): EmulatorCall[];
  clearCalls(): void;
  /**
   * For a while, answers every call made with a working key (`valid`, `slow`) the way `fault.behaviour`
   * would: an outage (`error`), a rate limit (`ratelimit`, with its own `retry-after`), or slowness.
   */
  inject(fault: Fault): void;
  /** Every answer that would succeed is held this long first (0: none): a provider computing. */
  setLatency(ms: number): void;
}

export const DEFAULT_SLOW_MS = 1500;

/** Each SDK's base URL on an emulator at `url`: what a process that did not start it needs. */
export function emulatorBaseUrls(url: string): Record<Provider, string> {
  return Object.fromEntries(PROVIDERS.map((p) => [p, `${url}${EMULATOR_MODULES[p].basePath}`])) as Record<
    Provider,
    string
  >;
}

// OpenAI's audio limit is 25 MB; nothing we emulate takes more.
const BODY_LIMIT_BYTES = 26_214_400;

export class EmulatorOptionError extends Error {
  constructor(option: string, expected: string) {
    super(`startEmulator: ${option} must be ${expected}`);
    this.name = "EmulatorOptionError";
  }
}

function checkOptions(port: number, slowMs: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new EmulatorOptionError("port", "an integer from 0 to 65535");
  if (!Number.isFinite(slowMs) || slowMs < 0)
    throw new EmulatorOptionError("slowMs", "a non-negative number of milliseconds");
}

function write(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const contentType = reply.contentType ?? "application/json";
  const payload = contentType.startsWith("text/") ? String(reply.body) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    "content-type": contentType,
    "content-length": String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

function mountOf(pathname: string): { provider: Provider; path: string } | null {
  for (const provider of PROVIDERS) {
    const mount = `/${provider}`;
    if (pathname === mount || pathname.startsWith(`${mount}/`))
      return { provider, path: pathname.slice(mount.length) || "/" };
  }
  return null;
}

function urlFor(address: AddressInfo): string {
  const host = address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { port = 0, host = "127.0.0.1", slowMs = DEFAULT_SLOW_MS, onCall } = options;
  checkOptions(port, slowMs);
  const log = new CallLog();
  const timers = new Set<NodeJS.Timeout>();
  const faults = new FaultSchedule();
  let latencyMs = 0;

  function admin(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!isLoopback(req.socket.remoteAddress)) {
      write(res, { status: 403, body: { error: "The emulator's admin endpoints answer loopback clients only." } });
      return;
    }
    if (url.pathname !== "/__emulator/calls") {
      write(res, { status: 404, body: { error: "Unknown admin endpoint." } });
    } else if (req.method === "GET") {
      const provider = url.searchParams.get("provider");
      const filter: CallFilter = PROVIDERS.includes(provider as Provider) ? { provider: provider as Provider } : {};
      write(res, { status: 200, body: { calls: log.list(filter) } });
    } else if (req.method === "DELETE") {
      log.clear();
      write(res, { status: 204, body: "", contentType: "text/plain" });
    } else {
      write(res, { status: 405, headers: { allow: "GET, DELETE" }, body: { error: "Use GET or DELETE." } });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    if (url.pathname.startsWith("/__emulator/")) {
      req.resume();
      admin(req, res, url);
      return;
    }
    const mount = mountOf(url.pathname);
    if (!mount) {
      req.resume();
      write(res, {
        status: 404,
        body: { error: `Not an emulated provider. Paths start with ${PROVIDERS.map((p) => `/${p}`).join(", ")}.` },
      });
      return;
    }
    const { handler } = EMULATOR_MODULES[mount.provider];
    const fault = faults.active(mount.provider);
    const behaviourOf = (apiKey: string) => {
      const own = keyBehaviour(mount.provider, apiKey);
      return fault && (own === "valid" || own === "slow") ? fault.behaviour : own;
    };
    const { body, received, tooLarge } = await readBody(req, BODY_LIMIT_BYTES);
    let handled: Handled;
    if (tooLarge) {
      handled = {
        endpoint: "unknown",
        model: null,
        apiKey: null,
        behaviour: null,
        reply: handler.tooLarge(BODY_LIMIT_BYTES, received),
      };
    } else {
      try {
        handled = await handler.handle({
          method: req.method ?? "GET",
          path: mount.path,
          query: url.searchParams,
          headers: req.headers,
          body,
          behaviourOf,
        });
      } catch {
        handled = { endpoint: "unknown", model: null, apiKey: null, behaviour: null, reply: handler.internalError() };
      }
    }
    if (fault?.retryAfterSeconds !== undefined && handled.reply.status === 429) {
      handled.reply = {
        ...handled.reply,
        headers: { ...handled.reply.headers, "retry-after": String(fault.retryAfterSeconds) },
      };
    }
    const ok = handled.reply.status === 200;
    const call = log.recordLive({
      provider: mount.provider,
      endpoint: handled.endpoint,
      model: handled.model,
      keyFingerprint: handled.apiKey ? keyFingerprint(handled.apiKey) : null,
      status: handled.reply.status,
      at: Date.now(),
      answered: false,
      answeredAt: null,
      usage: ok ? usageOf(handled.reply.body) : null,
      requestId: requestIdOf(handled.reply.headers, handled.reply.body),
    });
    onCall?.(call);
    const answer = () => {
      if (res.destroyed || res.writableEnded) return;
      write(res, handled.reply);
      call.answered = true;
      call.answeredAt = Date.now();
    };
    const holdMs = (handled.behaviour === "slow" ? slowMs : 0) + (ok ? latencyMs : 0);
    if (holdMs === 0) {
      answer();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, holdMs);
    timers.add(timer);
    res.on("close", () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      write(res, { status: 500, body: { error: "The emulator failed to handle this request." } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const url = urlFor(server.address() as AddressInfo);

  return {
    url,
    baseUrls: emulatorBaseUrls(url),
    calls: (filter) => log.list(filter),
    clearCalls: () => log.clear(),
    inject: (fault) => faults.add(fault),
    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new EmulatorOptionError("latency", "a non-negative number of milliseconds");
      latencyMs = ms;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
