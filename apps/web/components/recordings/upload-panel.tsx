"use client";

import { useRef, useState, type DragEvent } from "react";
import type { Provider } from "@byok/types";
import type { ByokVault } from "~/lib/crypto/byok-vault";
import { BusyButton } from "~/components/ui/busy-button";
import { StatusMessage } from "~/components/ui/status-message";
import { describeCallError } from "~/components/ui/describe-call-error";
import type { AccountView, KeyHealthView } from "~/components/settings/key-health-view";
import type { VaultSnapshot } from "~/components/settings/use-vault";
import { unlockVault, vaultErrorMessage } from "~/components/settings/vault-messages";
import { VaultUnlockForm } from "~/components/settings/vault-unlock-form";
import { ACCEPT_ATTRIBUTE, MAX_RECORDING_BYTES, checkAudioFile } from "~/components/recordings/audio-file-check";
import { UploadCancelledError, UploadRequestError } from "~/lib/uploads/upload-recording";
import { useStartRecording, type StartPhase } from "~/components/recordings/use-start-recording";
import { KeyCoverage } from "~/components/recordings/key-coverage";

export function UploadPanel({
  vault,
  snapshot,
  account,
  health,
  onStarted,
}: {
  vault: ByokVault | null;
  snapshot: VaultSnapshot;
  /** Plan, policy and provider order; undefined while loading. */
  account: AccountView | undefined;
  health: Partial<Record<Provider, KeyHealthView>>;
  onStarted: (id: string) => void;
}) {
  const start = useStartRecording(vault);
  const inputRef = useRef<HTMLInputElement>(null);
  const chooseRef = useRef<HTMLButtonElement>(null);
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [pending, setPending] = useState<File | null>(null);
  const [phase, setPhase] = useState<StartPhase | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const abortRef = useRef<AbortController | null>(null);

  // Under "only my keys" the platform never pays, so a locked vault is no reason to offer its keys.
  const byokOnly = account?.policy === "byok_only";
  // Until the vault has loaded we cannot tell whether the user's keys should be used.
  const busy = phase !== null || snapshot.loading;

  const begin = (file: File, useOwnKeys: boolean) => {
    setPending(null);
    setStartError(null);
    setCancelled(false);
    setPercent(null);
    const abort = new AbortController();
    abortRef.current = abort;
    start(file, useOwnKeys, {
      onPhase: setPhase,
      onProgress: ({ loaded, total }) => setPercent(Math.floor((loaded / total) * 100)),
      signal: abort.signal,
    })
      .then(({ id }) => onStarted(id))
      .catch((error: unknown) => {
        if (error instanceof UploadCancelledError) setCancelled(true);
        else
          setStartError(
            error instanceof UploadRequestError ? error.message : describeCallError(error, vaultErrorMessage(error)),
          );
        chooseRef.current?.focus();
      })
      .finally(() => {
        abortRef.current = null;
        setPhase(null);
        setPercent(null);
        if (inputRef.current) inputRef.current.value = "";
      });
  };

  const accept = (file: File | undefined) => {
    setStartError(null);
    if (!file || busy) return;
    const problem = checkAudioFile(file);
    if (problem) {
      setFileError(problem.message);
      return;
    }
    setFileError(null);
    if (snapshot.state === "locked") {
      setPending(file);
      return;
    }
    begin(file, true);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (busy) return;
    accept(event.dataTransfer.files[0]);
  };

  return (
    <section className="ui-section ui-stack" aria-labelledby="upload-title">
      <h2 id="upload-title">New recording</h2>
      <KeyCoverage snapshot={snapshot} account={account} health={health} />

      {pending ? (
        <div className="ui-stack" data-testid="vault-locked-gate">
          <StatusMessage tone="warn">
            {byokOnly
              ? `Your key vault is locked. Unlock it to process “${pending.name}”: your settings use only your own keys.`
              : `Your key vault is locked. Unlock it to process “${pending.name}” with your own keys, or continue on the platform's keys.`}
          </StatusMessage>
          <VaultUnlockForm
            title="Unlock to use your keys"
            lockCause={snapshot.lockCause}
            autoFocus
            onUnlock={async (password) => {
              const failure = await unlockVault(vault, password);
              if (failure) return failure;
              begin(pending, true);
              return null;
            }}
          />
          <div className="ui-form-actions">
            {byokOnly ? null : (
              <button type="button" className="ui-button" onClick={() => begin(pending, false)}>
                Continue on platform keys
              </button>
            )}
            <button type="button" className="ui-button ui-button-link" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div
          className={dragging ? "ui-dropzone ui-dropzone-active" : "ui-dropzone"}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <p className="ui-muted">Drag an audio file here, or</p>
          <BusyButton
            type="button"
            ref={chooseRef}
            className="ui-button ui-button-primary"
            onClick={() => inputRef.current?.click()}
            busy={busy}
            keepFocus
          >
            Choose audio file
          </BusyButton>
          <label className="ui-sr-only" htmlFor="recording-file">
            Audio file
          </label>
          <input
            id="recording-file"
            ref={inputRef}
            className="ui-sr-only"
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            tabIndex={-1}
            disabled={busy}
            aria-describedby="recording-file-hint"
            onChange={(event) => accept(event.target.files?.[0])}
          />
          <p id="recording-file-hint" className="ui-hint">
            WAV, MP3, M4A, WebM, OGG or FLAC, up to {MAX_RECORDING_BYTES / (1024 * 1024)} MB.
          </p>
        </div>
      )}

      <div data-testid="upload-error">
        <StatusMessage tone="error">{fileError ?? startError}</StatusMessage>
      </div>
      {phase === "uploading" ? (
        <div className="ui-row" data-testid="upload-progress">
          <progress max={100} value={percent ?? undefined} aria-label="Upload progress">
            {percent ?? 0}%
          </progress>
          <span className="ui-small" aria-hidden="true">
            {percent === null ? "Uploading…" : `${percent}%`}
          </span>
          <button type="button" className="ui-button" onClick={() => abortRef.current?.abort()}>
            Cancel upload
          </button>
        </div>
      ) : null}
      <StatusMessage tone="info">
        {phase === "caching-keys"
          ? "Handing your keys to the server for this recording…"
          : phase === "uploading"
            ? "Uploading…"
            : cancelled
              ? "Upload cancelled. Nothing was stored."
              : null}
      </StatusMessage>
    </section>
  );
}
