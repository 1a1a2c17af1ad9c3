import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { freePort } from "@byok/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { waitForApp } from "./wait-for-app";

// A real HTTP server on a free port, answering with the statuses a test gives it, in order (the last repeats).
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function serve(statuses: number[], port = 0): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  const server = createServer((_req, res) => {
    const status = statuses[Math.min(count, statuses.length - 1)]!;
    count += 1;
    res.writeHead(status, status === 307 ? { location: "/sign-in" } : {}).end("page");
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests: () => count };
}

const quick = { pollMs: 10, noteEveryMs: 60_000, requestTimeoutMs: 2_000 };

describe("waitForApp", () => {
  it("does not call a server error ready: it waits, says so once per status, and resolves on a working page", async () => {
    const app = await serve([500, 500, 503, 200]);
    const lines: string[] = [];
    const ready = await waitForApp({ ...quick, url: app.url, isRunning: () => true, log: (l) => lines.push(l) });
    expect(ready).toBe(true);
    expect(app.requests()).toBe(4);
    expect(lines.filter((l) => l.includes("answered HTTP 500"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("answered HTTP 503"))).toHaveLength(1);
  });

  it("counts a redirect or a client error as an answer (the app is up)", async () => {
    for (const status of [307, 404]) {
      const app = await serve([status]);
      await expect(waitForApp({ ...quick, url: app.url, isRunning: () => true, log: () => {} })).resolves.toBe(true);
      expect(app.requests()).toBe(1);
    }
  });

  it("keeps trying while nothing listens, then resolves once the app does", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    let polls = 0;
    const waiting = waitForApp({
      ...quick,
      url,
      isRunning: () => {
        polls += 1;
        return true;
      },
      log: () => {},
    });
    while (polls < 3) await new Promise((done) => setTimeout(done, 10));
    const app = await serve([200], port);
    await expect(waiting).resolves.toBe(true);
    expect(app.requests()).toBe(1);
  });

  it("gives up when the app's processes stop, even while the page still fails", async () => {
    const app = await serve([500]);
    let running = true;
    setTimeout(() => (running = false), 100);
    await expect(waitForApp({ ...quick, url: app.url, isRunning: () => running, log: () => {} })).resolves.toBe(false);
    expect(app.requests()).toBeGreaterThan(1);
  });
});
