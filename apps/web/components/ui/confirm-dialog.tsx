"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** When set, the confirm button stays disabled until the user types this exact text. */
  typedConfirmation?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Native <dialog> with showModal(): the browser traps focus, Escape cancels, and focus goes back to
 * the element that opened it when it closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  typedConfirmation,
  danger,
  busy,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const inputId = useId();
  const [typed, setTyped] = useState("");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped("");
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const canConfirm = !busy && (typedConfirmation === undefined || typed === typedConfirmation);

  return (
    <dialog
      ref={ref}
      className="ui-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        className="ui-stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (canConfirm) onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {typedConfirmation !== undefined ? (
          <div className="ui-field">
            <label className="ui-label" htmlFor={inputId}>
              Type <span className="ui-mono">{typedConfirmation}</span> to confirm
            </label>
            <input
              id={inputId}
              className="ui-input"
              value={typed}
              autoComplete="off"
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
        ) : null}
        <div className="ui-form-actions">
          <button
            type="submit"
            className={danger ? "ui-button ui-button-danger-solid" : "ui-button ui-button-primary"}
            disabled={!canConfirm}
          >
            {confirmLabel}
          </button>
          <button type="button" className="ui-button" onClick={onCancel} autoFocus={typedConfirmation === undefined}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
