import { describeFailure, type FailureAction, type FailureReason, type Provider } from "@byok/types";

export type ProviderFailureReason = FailureReason | "bad_request";

export const BAD_REQUEST_MESSAGE =
  "The provider refused the request itself (for example an unknown model or an unsupported file), not the key.";

export function failureMessage(reason: ProviderFailureReason, provider: Provider, retryAt?: number): string {
  return reason === "bad_request" ? BAD_REQUEST_MESSAGE : describeFailure(reason, provider, retryAt).message;
}

export function failureAction(reason: ProviderFailureReason, provider: Provider, retryAt?: number): FailureAction {
  return reason === "bad_request" ? { kind: "none" } : describeFailure(reason, provider, retryAt).action;
}

/**
 * A failed provider call, reduced to what is safe to log and show: our own message, never the
 * SDK's (which can quote a masked key or the request), and no `cause` pointing back at it.
 */
export class ProviderCallError extends Error {
  override readonly name = "ProviderCallError";
  readonly action: FailureAction;

  constructor(
    readonly provider: Provider,
    readonly reason: ProviderFailureReason,
    readonly status?: number,
    readonly requestId?: string,
    /** ms epoch: when the provider said access returns (retry-after, a usage-limit date). */
    readonly retryAt?: number,
  ) {
    super(failureMessage(reason, provider, retryAt));
    this.action = failureAction(reason, provider, retryAt);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      provider: this.provider,
      reason: this.reason,
      status: this.status,
      requestId: this.requestId,
      retryAt: this.retryAt,
      message: this.message,
    };
  }
}
