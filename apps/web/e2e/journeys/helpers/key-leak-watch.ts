import { expect, type Page } from "@playwright/test";

/**
 * Watches every request and app response of a page for plaintext keys. The X-BYOK-Key header
 * (base64url JSON) is the one sanctioned carrier; it may only go to the BYOK procedures.
 */
export function watchForKeys(page: Page, keys: readonly string[]) {
  const findings: string[] = [];
  const headerCarriers: string[] = [];
  const pending: Promise<void>[] = [];
  const scan = (where: string, text: string | null | undefined) => {
    if (!text) return;
    for (const key of keys) if (text.includes(key)) findings.push(`plaintext key in ${where}`);
  };

  page.on("request", (request) => {
    scan(`URL ${request.url()}`, request.url());
    const headers = request.headers();
    for (const [name, value] of Object.entries(headers)) scan(`request header ${name}`, value);
    if (headers["x-byok-key"]) headerCarriers.push(new URL(request.url()).pathname);
    scan(`request body of ${new URL(request.url()).pathname}`, request.postData());
  });
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/json|html|text|javascript|x-component/.test(type)) return;
    pending.push(
      response.text().then(
        (body) => scan(`response body of ${new URL(response.url()).pathname}`, body),
        () => undefined,
      ),
    );
    for (const [name, value] of Object.entries(response.headers())) scan(`response header ${name}`, value);
  });

  return {
    /** Paths of the requests that carried the X-BYOK-Key header, in order. */
    headerCarriers,
    async expectNoLeaks(): Promise<void> {
      await Promise.all(pending);
      expect(findings).toEqual([]);
    },
  };
}
