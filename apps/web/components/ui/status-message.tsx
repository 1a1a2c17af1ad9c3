import type { ReactNode } from "react";

export type StatusTone = "info" | "success" | "error" | "warn";

/**
 * A live region that is always in the DOM, so screen readers announce changes to its text.
 * Errors use role="alert" (assertive); everything else is polite.
 */
export function StatusMessage({
  tone = "info",
  children,
  id,
  testId,
}: {
  tone?: StatusTone;
  children?: ReactNode;
  id?: string;
  testId?: string;
}) {
  const empty = children === null || children === undefined || children === false || children === "";
  return (
    <p
      id={id}
      data-testid={testId}
      role={tone === "error" ? "alert" : "status"}
      aria-live={tone === "error" ? "assertive" : "polite"}
      className={empty ? "ui-alert" : `ui-alert ui-alert-${tone}`}
    >
      {empty ? null : children}
    </p>
  );
}
