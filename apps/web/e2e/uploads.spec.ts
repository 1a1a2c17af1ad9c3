import { connect } from "node:net";
import { expect, test } from "~/e2e/fixtures";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { makeWav } from "~/e2e/journeys/helpers/wav";

const MB = 1024 * 1024;

/** A valid WAV header followed by zeros up to `size` bytes. */
function wavOfSize(size: number): Buffer {
  const out = Buffer.alloc(size);
  makeWav().copy(out, 0, 0, 44);
  return out;
}

test("a 24 MB recording uploads through the page, with progress, and is processed", async ({ page, signedInUser }) => {
  expect(signedInUser.plan).toBe("pro");
  const recordings = new RecordingsPage(page);
  await recordings.open();
  await recordings.ready();
  await page
    .getByLabel("Audio file")
    .setInputFiles({ name: "long-meeting.wav", mimeType: "audio/wav", buffer: wavOfSize(24 * MB) });
  await expect(page.getByTestId("upload-progress")).toBeVisible();
  await recordings.waitForEnd("completed");
  await expect(page.getByTestId("recording-list")).toContainText("long-meeting.wav");
});

test("an upload can be cancelled, and nothing is stored", async ({ page, signedInUser, stack }) => {
  expect(signedInUser.email).toContain("@");
  const recordings = new RecordingsPage(page);
  await recordings.open();
  await recordings.ready();
  // A slow link, so the upload is still running when Cancel is pressed.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 50,
    downloadThroughput: 1 * MB,
    uploadThroughput: 256 * 1024,
  });
  await page
    .getByLabel("Audio file")
    .setInputFiles({ name: "to-cancel.wav", mimeType: "audio/wav", buffer: wavOfSize(8 * MB) });
  await expect(page.getByTestId("upload-progress")).toBeVisible();
  await page.getByRole("button", { name: "Cancel upload" }).click();
  await expect(page.getByText("Upload cancelled. Nothing was stored.")).toBeVisible();
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const list = await page.request.get(`${stack.baseUrl}/api/trpc/recordings.list`);
  expect(
    ((await list.json()) as { result: { data: { fileName: string }[] } }).result.data.map((r) => r.fileName),
  ).not.toContain("to-cancel.wav");
});

test("over HTTP: 24 MB is taken, 25 MB + 1 gets 413, and a stuck body is cut off", async ({
  page,
  signedInUser,
  stack,
}) => {
  expect(signedInUser.email).toContain("@");
  const upload = (buffer: Buffer) =>
    page.request.post(`${stack.baseUrl}/api/recordings`, {
      headers: { origin: stack.baseUrl },
      multipart: { file: { name: "direct.wav", mimeType: "audio/wav", buffer } },
    });
  const ok = await upload(wavOfSize(24 * MB));
  expect(ok.status()).toBe(201);
  const tooLarge = await upload(wavOfSize(25 * MB + 1));
  expect(tooLarge.status()).toBe(413);
  expect(((await tooLarge.json()) as { error: { message: string } }).error.message).toBe(
    "The file is larger than 25 MB.",
  );

  // 1 MB announced, a few bytes sent, then nothing: the server answers 408 and closes the connection
  // once the idle timeout (shortened for the suite) passes, instead of holding it open.
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const base = new URL(stack.baseUrl);
  const started = Date.now();
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(base.port), base.hostname, () => {
      socket.write(
        [
          "POST /api/recordings HTTP/1.1",
          `Host: ${base.host}`,
          `Origin: ${stack.baseUrl}`,
          `Cookie: ${cookies}`,
          "Content-Type: multipart/form-data; boundary=x",
          `Content-Length: ${MB}`,
          "",
          "--x\r\n",
        ].join("\r\n"),
      );
    });
    let text = "";
    socket.on("data", (c) => (text += c.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", reject);
  });
  expect(answer).toMatch(/^HTTP\/1.1 408/);
  expect(Date.now() - started).toBeLessThan(stack.uploadIdleTimeoutMs + 5_000);
});

test("a recording can be deleted from its page, after a confirmation", async ({ page, signedInUser, stack }) => {
  expect(signedInUser.plan).toBe("pro");
  const recordings = new RecordingsPage(page);
  await recordings.open();
  await recordings.upload("to-delete.wav");
  await recordings.waitForEnd("completed");
  await page.getByRole("button", { name: "Delete recording" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “to-delete.wav”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete recording" }).click();
  await expect(recordings.detail()).toHaveCount(0);
  await expect(page.getByTestId("recording-list")).not.toContainText("to-delete.wav");
  const list = await page.request.get(`${stack.baseUrl}/api/trpc/recordings.list`);
  expect(((await list.json()) as { result: { data: unknown[] } }).result.data).toEqual([]);
});
