import type { ReactNode } from "react";

export type StatusTone = "info" | "success" | "error" | "warn";

/**
 * A live region that is always in the DOM, so screen readers announce changes to its text.
 * Errors use role="alert" (assertive); everything else is polite. A region whose tone changes with
 * every message (a card's one status line) passes `announce` to keep one role: screen readers may
 * miss text that arrives together with a new role.
 */
export function StatusMessage({
  tone = "info",
  announce,
  children,
  id,
  testId,
}: {
  tone?: StatusTone;
  announce?: "polite" | "assertive";
  children?: ReactNode;
  id?: string;
  testId?: string;
}) {
  const empty = children === null || children === undefined || children === false || children === "";
  const assertive = (announce ?? (tone === "error" ? "assertive" : "polite")) === "assertive";
  return (
    <p
      id={id}
      data-testid={testId}
      role={assertive ? "alert" : "status"}
      aria-live={assertive ? "assertive" : "polite"}
      className={empty ? "ui-alert" : `ui-alert ui-alert-${tone}`}
    >
      {empty ? null : children}
    </p>
  );
}
