"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { PasswordInput } from "~/components/ui/password-input";
import { BusyButton } from "~/components/ui/busy-button";
import { StatusMessage } from "~/components/ui/status-message";
import { vaultErrorMessage } from "~/components/settings/vault-messages";

const MAX_BACKUP_BYTES = 1024 * 1024;

export function BackupExportButton({ onExport }: { onExport: () => Promise<string> }) {
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const exportBackup = async () => {
    setBusy(true);
    setStatus(null);
    const text = await onExport();
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `byok-vault-backup-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus({ tone: "success", text: "Backup downloaded. It is encrypted: restoring it needs your vault password." });
  };
  const fail = () =>
    setStatus({ tone: "error", text: "The backup could not be created. Unlock the vault and try again." });

  return (
    <div className="ui-stack">
      <div className="ui-form-actions">
        <BusyButton
          type="button"
          className="ui-button"
          onClick={() => {
            exportBackup()
              .catch(fail)
              .finally(() => setBusy(false));
          }}
          busy={busy}
        >
          Export encrypted backup
        </BusyButton>
      </div>
      <StatusMessage tone={status?.tone ?? "info"}>{status?.text}</StatusMessage>
    </div>
  );
}

export function BackupImportForm({
  onImport,
}: {
  onImport: (text: string, password: string) => Promise<string | null>;
}) {
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState("");
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setStatus({ tone: "error", text: "Choose a backup file." });
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_BACKUP_BYTES) {
      setStatus({ tone: "error", text: "That file is too large to be a vault backup." });
      return;
    }
    setBusy(true);
    setStatus(null);
    const failure = await onImport(await file.text(), password);
    setBusy(false);
    if (failure) {
      setStatus({ tone: "error", text: failure });
      return;
    }
    setPassword("");
    setFile(null);
    if (fileRef.current) fileRef.current.value = "";
    setStatus({ tone: "success", text: "Backup restored. Your keys are back." });
  };
  const fail = (failure: unknown) => {
    setBusy(false);
    setStatus({ tone: "error", text: vaultErrorMessage(failure) });
  };

  return (
    <form
      className="ui-stack"
      onSubmit={(event) => {
        submit(event).catch(fail);
      }}
      noValidate
      aria-label="Import encrypted backup"
    >
      <div className="ui-field">
        <label className="ui-label" htmlFor={fileId}>
          Backup file
        </label>
        <input
          id={fileId}
          ref={fileRef}
          className="ui-input"
          type="file"
          accept="application/json,.json"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <PasswordInput
        label="Vault password of the backup"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        hint="The password the vault had when the backup was made."
      />
      <div className="ui-form-actions">
        <BusyButton type="submit" className="ui-button" busy={busy} disabled={!password}>
          Import backup
        </BusyButton>
      </div>
      <StatusMessage tone={status?.tone ?? "info"}>{status?.text}</StatusMessage>
    </form>
  );
}
