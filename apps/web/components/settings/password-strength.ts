export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface PasswordStrength {
  level: StrengthLevel;
  label: string;
  advice: string;
}

const LABELS = ["Too short", "Weak", "Fair", "Good", "Strong"] as const;

/**
 * A coarse hint, not a gate: the vault enforces its own minimum. Length dominates because a long
 * passphrase beats a short password with symbols.
 */
export function passwordStrength(password: string): PasswordStrength {
  const length = [...password].length;
  if (length < 10) {
    return { level: 0, label: LABELS[0], advice: "Use at least 10 characters; a few unrelated words work well." };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const repetitive = /^(.)\1+$/.test(password) || /^(?:0123456789|1234567890|abcdefghij|qwertyuiop)/i.test(password);
  let score = 1;
  if (length >= 12) score += 1;
  if (length >= 16) score += 1;
  if (classes >= 3) score += 1;
  if (repetitive) score = 1;
  const level = Math.min(4, score) as StrengthLevel;
  const advice =
    level >= 4
      ? "Hard to guess. Keep it somewhere safe: it cannot be recovered."
      : level === 3
        ? "Good. Longer is even better."
        : "Add length: a passphrase of four or more words is easy to remember and hard to guess.";
  return { level, label: LABELS[level], advice };
}
