import { createHash } from "node:crypto";

/** Stable per email: the same person signing in twice is the same user. */
export function userIdForEmail(email: string): string {
  const digest = createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
  return `u_${digest.slice(0, 20)}`;
}
