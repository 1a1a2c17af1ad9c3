import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

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

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return headers;
}

export type FetchHandler = (req: Request) => Promise<Response>;

/**
 * Puts fetch-style route handlers behind a real HTTP server on 127.0.0.1:0, as Next would: each
 * request goes to the handler of the longest matching path prefix, with its body as a stream.
 */
export async function serveFetchHandler(routes: Record<string, FetchHandler>): Promise<ServedHandler> {
  const seen: SeenRequest[] = [];
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const respond = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const method = req.method ?? "GET";
      const headers = toHeaders(req);
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
        ...(method === "GET" || method === "HEAD" ? {} : { body: Readable.toWeb(req) as ReadableStream, duplex: "half" }),
      } as RequestInit);
      const response = await routes[prefix]!(request);
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => (out[name] = value));
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
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
