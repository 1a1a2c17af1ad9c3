import type { ComponentProps } from "react";
import { Spinner } from "~/components/ui/spinner";

/**
 * A button that shows a spinner and refuses clicks while its action runs. With `keepFocus` it says
 * so with aria-disabled instead of `disabled`: a disabled button drops keyboard focus to the top of
 * the page, so a button that stays where the user is (Test) keeps focus through its busy spell.
 */
export function BusyButton({
  busy,
  disabled,
  keepFocus = false,
  children,
  onClick,
  ...props
}: ComponentProps<"button"> & { busy: boolean; keepFocus?: boolean }) {
  const inactive = busy || Boolean(disabled);
  if (!keepFocus) {
    return (
      <button {...props} onClick={onClick} disabled={inactive}>
        {busy ? <Spinner /> : null}
        {children}
      </button>
    );
  }
  return (
    <button
      {...props}
      aria-disabled={inactive || undefined}
      onClick={(event) => {
        if (inactive) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}
