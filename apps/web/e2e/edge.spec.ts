import { connect as tlsConnect } from "node:tls";
import { expect, test } from "~/e2e/fixtures";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { createVerifiedAccount } from "~/e2e/support/accounts";
import { mintKey } from "@byok/provider-emulator";

const MB = 1024 * 1024;

/** Which TLS version a handshake limited to [min, max] ends with, or the error that ended it. */
function handshake(url: string, minVersion: "TLSv1.2" | "TLSv1.3", maxVersion: "TLSv1.2" | "TLSv1.3"): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = tlsConnect(
      {
        host: hostname === "localhost" ? "127.0.0.1" : hostname,
        servername: "localhost",
        port: Number(port),
        minVersion,
        maxVersion,
        rejectUnauthorized: false,
      },
      () => {
        resolve(socket.getProtocol() ?? "none");
        socket.end();
      },
    );
    socket.on("error", (err) => resolve(`refused: ${(err as NodeJS.ErrnoException).code ?? err.message}`));
  });
}

function wavOfSize(size: number): Buffer {
  const out = Buffer.alloc(size);
  out.write("RIFF", 0, "ascii");
  out.write("WAVE", 8, "ascii");
  return out;
}

test.describe("the TLS edge (deploy/nginx)", () => {
  test.beforeEach(({ stack }) => {
    test.skip(!stack.edge, "nginx is not installed (scripts/test.sh installs it)");
  });

  test("speaks TLS 1.3 only and sends HSTS", async ({ stack }) => {
    const edge = stack.edge!.url;
    expect(await handshake(edge, "TLSv1.3", "TLSv1.3")).toBe("TLSv1.3");
    expect(await handshake(edge, "TLSv1.2", "TLSv1.2")).toMatch(/^refused/);
  });

  test("HSTS on every answer, a 24 MB upload streams through, and forwarded headers come from nginx only", async ({
    playwright,
    stack,
  }) => {
    const edge = stack.edge!.url;
    const request = await playwright.request.newContext({ baseURL: edge, ignoreHTTPSErrors: true });
    try {
      const page = await request.get("/sign-in");
      expect(page.status()).toBe(200);
      expect(page.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
      // Behind the edge the app knows it is on https: its own headers say so too.
      expect(page.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");

      const account = await createVerifiedAccount(stack.databaseUrl, `edge-upload-${Date.now()}@edge.test`, "pro");
      const signIn = await request.post("/api/auth/sign-in/email", {
        headers: { origin: edge },
        data: { email: account.email, password: account.password },
      });
      expect(signIn.status()).toBe(200);
      expect(signIn.headers()["strict-transport-security"]).toBeDefined();

      const upload = await request.post("/api/recordings", {
        headers: { origin: edge },
        multipart: { file: { name: "edge.wav", mimeType: "audio/wav", buffer: wavOfSize(24 * MB) } },
      });
      expect(upload.status()).toBe(201);
      const tooLarge = await request.post("/api/recordings", {
        headers: { origin: edge },
        multipart: { file: { name: "edge.wav", mimeType: "audio/wav", buffer: wavOfSize(26 * MB) } },
      });
      expect(tooLarge.status()).toBe(413);

      // A client's own X-Forwarded-Proto: http does not turn HSTS or the CSP's upgrade off.
      const spoofed = await request.get("/sign-in", {
        headers: { "x-forwarded-proto": "http", "x-forwarded-for": "203.0.113.9" },
      });
      expect(spoofed.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    } finally {
      await request.dispose();
    }
  });

  test("a whole journey in Chromium through the edge: sign in, keys, upload, result, sign out", async ({
    browser,
    stack,
  }) => {
    const edge = stack.edge!.url;
    const context = await browser.newContext({ baseURL: edge, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (err) => problems.push(err.message));
    try {
      const account = await createVerifiedAccount(stack.databaseUrl, `edge-journey-${Date.now()}@edge.test`, "pro");
      await page.goto("/sign-in?next=%2Fsettings%2Fapi-keys");
      await page.getByLabel("Email").fill(account.email);
      await page.getByLabel("Password", { exact: true }).fill(account.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).toHaveURL((url) => url.pathname === "/settings/api-keys");
      expect(new URL(page.url()).protocol).toBe("https:");

      const keys = new ApiKeysPage(page);
      await keys.createVault();
      await keys.saveKey("openai", mintKey("openai", "valid", "edge_journey"));
      await expect(await keys.testKey("openai")).toContainText("your OpenAI key works");
      const recordings = new RecordingsPage(page);
      await recordings.openFromApiKeys();
      await recordings.upload("edge-meeting.wav");
      await recordings.waitForEnd("completed");
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL((url) => url.pathname === "/");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
