import { describe, expect, it } from "vitest";
import { loadEstimator, ratePassword as rateWith, type Estimator } from "~/components/ui/password-strength";
import { ACCOUNT_PASSWORD_RULES } from "~/components/auth/account-password-rules";
import { VAULT_PASSWORD_RULES } from "~/components/settings/vault-password-rules";

const ratePassword = (password: string, estimate: Estimator) => rateWith(password, estimate, VAULT_PASSWORD_RULES);

const fixed =
  (score: number): Estimator =>
  () => ({ score, warning: null, suggestions: [] });

describe("ratePassword: the policy", () => {
  it("refuses fewer than 10 characters whatever the estimate", () => {
    const rating = ratePassword("Xy7#pQ2!z", fixed(4));
    expect(rating).toMatchObject({ level: 0, label: "Too short", verdict: "refused" });
    expect(rating.refusal).toContain("at least 10 characters");
  });

  it("refuses scores 0 and 1 with the sentence that says what is at stake", () => {
    for (const score of [0, 1]) {
      const rating = ratePassword("long enough text", fixed(score));
      expect(rating).toMatchObject({ label: "Very weak", verdict: "refused" });
      expect(rating.refusal).toContain("It is all that protects the keys stored in this browser");
    }
  });

  it("warns on score 2 and accepts 3 and 4", () => {
    expect(ratePassword("long enough text", fixed(2))).toMatchObject({
      level: 2,
      label: "Weak",
      verdict: "weak",
      refusal: null,
    });
    expect(ratePassword("long enough text", fixed(3))).toMatchObject({ level: 3, label: "Good", verdict: "ok" });
    expect(ratePassword("long enough text", fixed(4))).toMatchObject({ level: 4, label: "Strong", verdict: "ok" });
  });

  it("counts characters, not UTF-16 units", () => {
    expect(ratePassword("🔑🔑🔑🔑🔑🔑🔑🔑🔑", fixed(4)).verdict).toBe("refused");
    expect(ratePassword("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑", fixed(4)).verdict).toBe("ok");
  });
});

describe("ratePassword for an account password", () => {
  const rateAccount = (password: string, score: number) => rateWith(password, fixed(score), ACCOUNT_PASSWORD_RULES);

  it("refuses only a short one, without the vault's words", () => {
    const short = rateAccount("Xy7#pQ2!z", 4);
    expect(short).toMatchObject({ label: "Too short", verdict: "refused" });
    expect(short.refusal).toBe("Use a password of at least 10 characters.");
  });

  it("rates a long but guessable one as advice, not a refusal", () => {
    expect(rateAccount("long enough text", 0)).toMatchObject({ label: "Very weak", verdict: "ok", refusal: null });
    expect(rateAccount("long enough text", 2)).toMatchObject({ label: "Weak", verdict: "ok" });
    expect(rateAccount("long enough text", 4).advice).not.toContain("cannot be recovered");
  });
});

describe("ratePassword with zxcvbn and its common and English dictionaries", () => {
  it("refuses common 10-character passwords, warns on guessable ones, accepts passphrases", async () => {
    const estimate = await loadEstimator();
    for (const password of ["password12", "1234567890", "qwertyuiop", "letmein2024", "Password1!"]) {
      expect(ratePassword(password, estimate).verdict, password).toBe("refused");
    }
    expect(ratePassword("summer2024!", estimate).verdict).toBe("weak");
    for (const password of [
      "correct horse battery staple 7",
      "a different long passphrase 42",
      "purple monkey dishwasher",
    ]) {
      expect(ratePassword(password, estimate).verdict, password).toBe("ok");
    }
  });

  it("passes zxcvbn's own feedback on as advice", async () => {
    const rating = ratePassword("password12", await loadEstimator());
    expect(rating.advice).toMatch(/commonly used password/i);
  });

  it("does not let the app's own name carry a password", async () => {
    const estimate = await loadEstimator();
    expect(estimate("audioinsights").score).toBeLessThan(estimate("quokkalantern").score);
  });
});
