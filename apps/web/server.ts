/**
 * The web app's HTTP server: Next's request handler behind a socket we can see. Route handlers do
 * not get the peer address, so this is where the client's address is decided (from the socket,
 * or from X-Forwarded-For only when the peer is in TRUSTED_PROXIES), where forwarded headers from
 * anyone else are removed, and where a path with a malformed %-escape gets a 400 before Next
 * answers it with its own 500.
 *
 *   tsx server.ts [--dev]     HOST (default 127.0.0.1), PORT (default 3000), TRUSTED_PROXIES
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { applyClientAddress, parseTrustedProxies } from "~/lib/server/client-address";

const dev = process.argv.includes("--dev");
const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 3000);
const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);

function hasMalformedEscape(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0] ?? "/";
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

function badPath(res: ServerResponse): void {
  const body = JSON.stringify({
    error: { message: "The request path is not valid.", data: { code: "BAD_REQUEST", httpStatus: 400 } },
  });
  res.writeHead(400, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    connection: "close",
  });
  res.end(body);
}

async function main(): Promise<void> {
  const app = next({ dev, dir: dirname(fileURLToPath(import.meta.url)), hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (hasMalformedEscape(req.url)) return badPath(res);
    applyClientAddress(req.headers, req.socket.remoteAddress, trusted);
    handle(req, res).catch(() => {
      // Next answers its own errors; this is a failure before it could.
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
  server.listen(port, host, () => {
    process.stdout.write(
      `web server listening on http://${host}:${port}${trusted.size ? ` (trusted proxies: ${[...trusted].join(", ")})` : ""}\n`,
    );
  });
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error(`web server failed to start: ${err instanceof Error ? err.message : "unknown error"}`);
  process.exit(1);
});
