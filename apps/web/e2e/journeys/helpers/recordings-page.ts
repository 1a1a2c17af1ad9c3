import { expect, type Locator, type Page } from "@playwright/test";
import { makeWav, wavUpload } from "~/e2e/journeys/helpers/wav";

export class RecordingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/recordings");
    await expect(this.page.getByRole("heading", { level: 1, name: "Recordings" })).toBeVisible();
  }

  /** Goes through the page's own link so the vault stays unlocked (no full reload). */
  async openFromApiKeys(): Promise<void> {
    await this.page.getByRole("link", { name: "Go to recordings" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Recordings" })).toBeVisible();
  }

  /** The page takes files once it knows the vault's state and no other upload is starting. */
  async ready(): Promise<void> {
    await expect(this.page.getByRole("button", { name: "Choose audio file" })).toBeEnabled();
  }

  async upload(name = "meeting.wav"): Promise<void> {
    await this.ready();
    await this.page.getByLabel("Audio file").setInputFiles(wavUpload(name));
  }

  /** Drops a file on the drop zone the way a drag from the desktop does. `size` pads with zeros. */
  async drop(file: { name: string; type: string; bytes?: Buffer; size?: number }): Promise<void> {
    const base64 = (file.bytes ?? makeWav()).toString("base64");
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, type, base64, size }) => {
        const bytes = size === undefined ? Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) : new Uint8Array(size);
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, { type }));
        return transfer;
      },
      { name: file.name, type: file.type, base64, size: file.size },
    );
    await this.ready();
    const zone = this.page.getByTestId("dropzone");
    await zone.dispatchEvent("dragover", { dataTransfer });
    await zone.dispatchEvent("drop", { dataTransfer });
  }

  uploadError(): Locator {
    return this.page.getByTestId("upload-error").getByRole("alert");
  }

  detail(): Locator {
    return this.page.getByTestId("recording-detail");
  }

  async waitForEnd(status: "completed" | "failed" = "completed"): Promise<Locator> {
    const detail = this.detail();
    await expect(detail).toHaveAttribute("data-status", /completed|failed/, { timeout: 60_000 });
    await expect(detail).toHaveAttribute("data-status", status);
    return detail;
  }

  payer(stage: "stt" | "analysis"): Locator {
    return this.page.getByTestId(`stage-${stage}-payer`);
  }
}
