import type { PasswordRules } from "~/components/ui/password-strength";
import { PASSWORD_MIN_LENGTH } from "~/lib/auth/password-rules";

/** An account password is guessed at online, behind the sign-in limits: its length is the rule, its rating advice. */
export const ACCOUNT_PASSWORD_RULES: PasswordRules = {
  minLength: PASSWORD_MIN_LENGTH,
  noun: "a password",
  strict: false,
};
