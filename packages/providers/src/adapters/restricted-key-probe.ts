import type { ProviderErrorClass } from "./provider-adapter";

/**
 * Runs a request built to be refused: a refusal of the request itself (400, 404) means the key was
 * authorised for it; a permission failure means it was not. Any other failure is the key's state
 * (quota, disabled…) and is rethrown for the key test to report.
 */
export async function probeAllows(
  classify: (err: unknown) => ProviderErrorClass | undefined,
  call: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    const reason = classify(err)?.reason;
    if (reason === "bad_request") return true;
    if (reason === "permission_denied") return false;
    throw err;
  }
}
