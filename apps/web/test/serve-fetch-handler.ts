import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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

/** Puts a fetch-style route handler behind a real HTTP server on 127.0.0.1:0, as Next would. */
export async function serveFetchHandler(handler: (req: Request) => Promise<Response>): Promise<ServedHandler> {
  const seen: SeenRequest[] = [];
  const respond = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const method = req.method ?? "GET";
      const headers = toHeaders(req);
      const url = `http://${req.headers.host}${req.url}`;
      seen.push({ method, url, headers });
      const request = new Request(url, {
        method,
        headers,
        ...(method === "GET" || method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
      });
      const response = await handler(request);
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
