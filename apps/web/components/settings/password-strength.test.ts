import { describe, expect, it } from "vitest";
import { passwordStrength } from "~/components/settings/password-strength";

describe("passwordStrength", () => {
  it("calls short passwords too short", () => {
    expect(passwordStrength("abc123").level).toBe(0);
  });
  it("rewards length and variety", () => {
    expect(passwordStrength("aaaaaaaaaaaa").level).toBe(1);
    expect(passwordStrength("correcthorse").level).toBe(2);
    expect(passwordStrength("correct horse battery").level).toBe(3);
    expect(passwordStrength("Correct horse battery 9").level).toBe(4);
  });
  it("does not praise keyboard runs", () => {
    expect(passwordStrength("1234567890123456").level).toBe(1);
  });
});
