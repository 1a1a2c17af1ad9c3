import { FAILURE_MESSAGES, type FailureReason, type Provider } from "@byok/types";

export type ProviderFailureReason = FailureReason | "bad_request";

export const BAD_REQUEST_MESSAGE =
  "The provider refused the request itself (for example an unknown model or an unsupported file), not the key.";

export function failureMessage(reason: ProviderFailureReason): string {
  return reason === "bad_request" ? BAD_REQUEST_MESSAGE : FAILURE_MESSAGES[reason];
}

/**
 * A failed provider call, reduced to what is safe to log and show: our own message, never the
 * SDK's (which can quote a masked key or the request), and no `cause` pointing back at it.
 */
export class ProviderCallError extends Error {
  override readonly name = "ProviderCallError";

  constructor(
    readonly provider: Provider,
    readonly reason: ProviderFailureReason,
    readonly status?: number,
    readonly requestId?: string,
  ) {
    super(failureMessage(reason));
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, provider: this.provider, reason: this.reason, status: this.status, requestId: this.requestId, message: this.message };
  }
}
