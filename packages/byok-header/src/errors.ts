import { BYOK_HEADER_MAX_BYTES, PROVIDER_LABELS, PROVIDERS, keyFormatHint, type Provider } from "@byok/types";

export type ByokHeaderErrorCode =
  "TOO_LARGE" | "BAD_ENCODING" | "BAD_JSON" | "UNKNOWN_PROVIDER" | "DUPLICATE_PROVIDER" | "BAD_KEY_SHAPE" | "EMPTY";

function messageFor(code: ByokHeaderErrorCode, provider?: Provider): string {
  const label = provider ? PROVIDER_LABELS[provider] : "a provider";
  switch (code) {
    case "TOO_LARGE":
      return `The X-BYOK-Key header is larger than ${BYOK_HEADER_MAX_BYTES} bytes.`;
    case "BAD_ENCODING":
      return "The X-BYOK-Key header is not base64url-encoded UTF-8.";
    case "BAD_JSON":
      return "The X-BYOK-Key header does not hold a JSON object of provider to key.";
    case "UNKNOWN_PROVIDER":
      return `The X-BYOK-Key header names an unsupported provider (supported: ${PROVIDERS.join(", ")}).`;
    case "DUPLICATE_PROVIDER":
      return `The X-BYOK-Key header names ${provider ? `the provider ${provider}` : "a provider"} more than once.`;
    case "BAD_KEY_SHAPE":
      return `The ${label} key in the X-BYOK-Key header does not look like one. ${provider ? keyFormatHint(provider) : ""}`.trim();
    case "EMPTY":
      return "The X-BYOK-Key header is missing or holds no keys.";
  }
}

/**
 * A rejected X-BYOK-Key header. The message is built only from the code and a known provider name:
 * never from the header's text, which may hold keys.
 */
export class ByokHeaderError extends Error {
  override readonly name = "ByokHeaderError";
  readonly code: ByokHeaderErrorCode;
  readonly provider: Provider | undefined;

  constructor(code: ByokHeaderErrorCode, provider?: Provider) {
    super(messageFor(code, provider));
    this.code = code;
    this.provider = provider;
  }
}
