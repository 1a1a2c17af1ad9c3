"use client";

import { useState } from "react";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { StatusMessage } from "~/components/ui/status-message";
import { vaultErrorMessage } from "~/components/settings/vault-messages";

export const RESET_CONFIRMATION = "reset my vault";

export function ResetVaultButton({ onReset }: { onReset: () => Promise<string | null> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    const failure = await onReset();
    setBusy(false);
    if (failure) {
      setError(failure);
      return;
    }
    setOpen(false);
  };
  const fail = (failure: unknown) => {
    setBusy(false);
    setError(vaultErrorMessage(failure));
  };

  return (
    <div className="ui-stack">
      <div className="ui-form-actions">
        <button type="button" className="ui-button ui-button-danger" onClick={() => setOpen(true)}>
          Reset vault…
        </button>
      </div>
      <StatusMessage tone="error">{error}</StatusMessage>
      <ConfirmDialog
        open={open}
        title="Reset the key vault?"
        confirmLabel="Reset vault"
        danger
        busy={busy}
        typedConfirmation={RESET_CONFIRMATION}
        onConfirm={() => {
          confirm().catch(fail);
        }}
        onCancel={() => setOpen(false)}
      >
        <p className="ui-muted">
          This deletes every key stored in this browser and the vault itself. It cannot be undone. Export a backup first
          if you may want the keys back.
        </p>
      </ConfirmDialog>
    </div>
  );
}
