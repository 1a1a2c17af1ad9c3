import type { ComponentProps } from "react";
import { Spinner } from "~/components/ui/spinner";

/** A button that shows a spinner and stays disabled while its action runs. */
export function BusyButton({ busy, disabled, children, ...props }: ComponentProps<"button"> & { busy: boolean }) {
  return (
    <button {...props} disabled={busy || disabled}>
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}
