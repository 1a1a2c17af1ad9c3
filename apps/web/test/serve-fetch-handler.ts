import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { applyClientAddress } from "~/lib/server/client-address";

export interface SeenRequest {
  method: string;
  url: string;
  headers: Headers;
}

export interface ServedHandler {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** As server.ts does: forwarded headers only from trusted proxies, and the client address set by us. */
function toHeaders(req: IncomingMessage, trustedProxies: ReadonlySet<string>): Headers {
  const incoming: Record<string, string | string[] | undefined> = { ...req.headers };
  applyClientAddress(incoming, req.socket.remoteAddress, trustedProxies);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

export type FetchHandler = (req: Request) => Promise<Response>;

/**
 * Puts fetch-style route handlers behind a real HTTP server on 127.0.0.1:0, as Next would: each
 * request goes to the handler of the longest matching path prefix, with its body as a stream.
 */
export async function serveFetchHandler(
  routes: Record<string, FetchHandler>,
  { trustedProxies = new Set<string>() }: { trustedProxies?: ReadonlySet<string> } = {},
): Promise<ServedHandler> {
  const seen: SeenRequest[] = [];
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const respond = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const method = req.method ?? "GET";
      const headers = toHeaders(req, trustedProxies);
      const url = `http://${req.headers.host}${req.url}`;
      seen.push({ method, url, headers });
      const prefix = prefixes.find((p) => (req.url ?? "").startsWith(p));
      if (!prefix) {
        res.writeHead(404).end();
        return;
      }
      const request = new Request(url, {
        method,
        headers,
        ...(method === "GET" || method === "HEAD"
          ? {}
          : { body: Readable.toWeb(req) as ReadableStream, duplex: "half" }),
      } as RequestInit);
      const response = await routes[prefix]!(request);
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => (out[name] = value));
      const cookies = response.headers.getSetCookie();
      if (cookies.length) out["set-cookie"] = cookies;
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      if (process.env.BYOK_DEBUG_ADAPTER) console.error(err);
      res.writeHead(599).end("test adapter failure");
    }
  };
  const server: Server = createServer((req, res) => {
    // respond() answers every failure itself; a rejection left would be a socket already gone.
    respond(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
