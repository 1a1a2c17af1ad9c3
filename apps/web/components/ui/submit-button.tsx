import type { ReactNode } from "react";
import { BusyButton } from "~/components/ui/busy-button";

/**
 * A form's main button: it says what is happening while the form is busy ("Signing in…"), with a
 * spinner, and takes no second click meanwhile.
 */
export function SubmitButton({
  busy,
  busyLabel,
  disabled,
  children,
}: {
  busy: boolean;
  busyLabel: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <BusyButton type="submit" className="ui-button ui-button-primary" busy={busy} disabled={disabled}>
      {busy ? busyLabel : children}
    </BusyButton>
  );
}
