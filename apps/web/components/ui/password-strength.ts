/**
 * How strong a new password is, and whether the form accepts it (docs/security.md, "Vault password
 * strength"; docs/ui.md, "Auth screens"). The estimate is zxcvbn's, loaded on demand: its
 * dictionaries weigh over a megabyte, so only the forms that choose a password ever load them.
 */

export type StrengthLevel = 0 | 1 | 2 | 3 | 4;
/** refused: too short or very weak; weak: allowed once the user acknowledges it; ok: allowed. */
export type StrengthVerdict = "refused" | "weak" | "ok";

export interface PasswordStrength {
  level: StrengthLevel;
  label: string;
  verdict: StrengthVerdict;
  /** What to do about it, for the hint under the field. */
  advice: string;
  /** Why the password cannot be used (refused only). */
  refusal: string | null;
}

export interface Estimate {
  /** zxcvbn's score: 0–1 fall to an offline guesser within minutes, 2 within hours. */
  score: number;
  warning: string | null;
  suggestions: string[];
}

export type Estimator = (password: string) => Estimate;

/**
 * What a form asks of a new password. The vault's password is all that protects keys a thief could
 * guess at offline, so a very weak one is refused and a weak one needs consent; an account password
 * is guessed at online, behind our sign-in limits, so only its length is a rule and the rating
 * is advice.
 */
export interface PasswordRules {
  minLength: number;
  /** "a vault password", "an account password": the words of a refusal. */
  noun: string;
  /** Refuse zxcvbn scores 0–1 and ask consent for 2 (the vault); else rate without refusing. */
  strict: boolean;
}

/** Words of this app a password should not lean on. */
const APP_WORDS = ["audio insights", "audio", "insights", "byok", "vault", "api key"];

const PROTECTS = "all that protects the keys stored in this browser";

export function ratePassword(password: string, estimate: Estimator, rules: PasswordRules): PasswordStrength {
  if ([...password].length < rules.minLength) {
    return {
      level: 0,
      label: "Too short",
      verdict: "refused",
      advice: `Use at least ${rules.minLength} characters; a few unrelated words work well.`,
      refusal: rules.strict
        ? `Use ${rules.noun} of at least ${rules.minLength} characters: it is ${PROTECTS}.`
        : `Use ${rules.noun} of at least ${rules.minLength} characters.`,
    };
  }
  const { score, warning, suggestions } = estimate(password);
  const hints = [warning, ...suggestions].filter((s): s is string => Boolean(s)).join(" ");
  if (score <= 1 && rules.strict) {
    return {
      level: 1,
      label: "Very weak",
      verdict: "refused",
      advice: hints || "Add more words that are less common.",
      refusal: `This password is too easy to guess. It is ${PROTECTS}: anyone with a copy of this browser's data could try guesses offline. Choose a longer passphrase, for example four unrelated words.`,
    };
  }
  if (score <= 1) {
    return {
      level: 1,
      label: "Very weak",
      verdict: "ok",
      advice: hints || "Add more words that are less common.",
      refusal: null,
    };
  }
  if (score === 2) {
    return {
      level: 2,
      label: "Weak",
      verdict: rules.strict ? "weak" : "ok",
      advice: hints || "Add another word or two: a longer passphrase is much harder to guess.",
      refusal: null,
    };
  }
  return {
    level: score >= 4 ? 4 : 3,
    label: score >= 4 ? "Strong" : "Good",
    verdict: "ok",
    advice:
      score < 4
        ? "Good. Longer is even better."
        : rules.strict
          ? "Hard to guess. Keep it somewhere safe: it cannot be recovered."
          : "Hard to guess.",
    refusal: null,
  };
}

export const WEAK_PASSWORD_WARNING = `This password is weak. It is ${PROTECTS}, and someone with a copy of this browser's data could guess it within hours.`;

let loading: Promise<Estimator> | null = null;

/** zxcvbn with its common and English dictionaries, loaded once per page. */
export function loadEstimator(): Promise<Estimator> {
  loading ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(([core, common, en]) => {
    const zxcvbn = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return (password: string) => {
      const result = zxcvbn.check(password, APP_WORDS);
      return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
    };
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
