import type { PasswordRules } from "~/components/ui/password-strength";
import { MIN_PASSWORD_LENGTH } from "~/lib/crypto/vault-password-length";

/** The vault's password guards keys that can be guessed at offline: refuse very weak ones, ask about weak ones. */
export const VAULT_PASSWORD_RULES: PasswordRules = {
  minLength: MIN_PASSWORD_LENGTH,
  noun: "a vault password",
  strict: true,
};
