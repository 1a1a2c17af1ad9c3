import { expect, type Locator, type Page } from "@playwright/test";
import { wavUpload } from "./wav";

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

  async upload(name = "meeting.wav"): Promise<void> {
    await this.page.getByLabel("Audio file").setInputFiles(wavUpload(name));
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
