import { passkeyClient } from "@better-auth/passkey/client";
import { createAuthClient } from "better-auth/react";

/** The browser's side of better-auth: same origin, /api/auth. */
export const authClient = createAuthClient({ plugins: [passkeyClient()] });

interface AuthClientError {
  status?: number;
  code?: string;
  message?: string;
}

/** Our sentences for better-auth's answers; a 429 carries our own limit's text. */
export function describeAuthError(error: AuthClientError, action: "sign-in" | "sign-up" | "reset" | "passkey"): string {
  if (error.status === 429) return error.message ?? "Too many attempts. Try again later.";
  if (error.code === "EMAIL_NOT_VERIFIED") return "Confirm your e-mail first: we have sent you a new link.";
  if (action === "sign-in" && (error.status === 401 || error.code === "INVALID_EMAIL_OR_PASSWORD"))
    return "Wrong e-mail or password.";
  if (error.code === "PASSWORD_TOO_SHORT" || error.code === "PASSWORD_TOO_LONG")
    return "Passwords are 10 to 128 characters.";
  if (error.code === "INVALID_EMAIL") return "Enter a valid e-mail address.";
  if (error.code === "INVALID_TOKEN") return "This link is no longer valid. Ask for a new one.";
  if (action === "passkey") return "The passkey was not accepted. Try again, or sign in with your password.";
  return "That did not work. Try again in a moment.";
}
