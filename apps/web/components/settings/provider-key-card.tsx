"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { PROVIDER_LABELS, isPlausibleKey, keyFormatHint, type Provider } from "@byok/types";
import type { KeyMetadata } from "~/lib/crypto/byok-vault";
import { Badge } from "~/components/ui/badge";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { PasswordInput } from "~/components/ui/password-input";
import { BusyButton } from "~/components/ui/busy-button";
import { Spinner } from "~/components/ui/spinner";
import { StatusMessage } from "~/components/ui/status-message";
import type { KeyTestResult } from "./key-test-result";
import type { KeyHealthView } from "./key-health-view";
import { KeyHealthNote } from "./key-health-note";
import { describeKeyHealth, type KeyHealthDescription } from "./describe-key-health";
import { formatTime } from "./format-time";

export interface ProviderKeyCardProps {
  provider: Provider;
  saved: KeyMetadata | undefined;
  /** The key's last known state, from the server. */
  health: KeyHealthView | undefined;
  testResult: KeyTestResult | undefined;
  testing: boolean;
  onSave: (provider: Provider, key: string) => Promise<string | null>;
  onTest: (provider: Provider) => void;
  onDelete: (provider: Provider) => Promise<string | null>;
}

export function ProviderKeyCard({ provider, saved, health, testResult, testing, onSave, onTest, onDelete }: ProviderKeyCardProps) {
  const label = PROVIDER_LABELS[provider];
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  const testRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the card has re-rendered after a save or a delete: the control the user
  // was on is gone, and the next step is testing the new key or entering one.
  const pendingFocus = useRef<"test" | "input" | null>(null);

  useEffect(() => {
    if (pendingFocus.current === "test" && testRef.current) {
      testRef.current.focus();
      pendingFocus.current = null;
    } else if (pendingFocus.current === "input" && inputRef.current && !confirmDelete) {
      inputRef.current.focus();
      pendingFocus.current = null;
    }
  });
  const headingId = `provider-${provider}-title`;

  const showForm = !saved || editing;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = draft.trim();
    if (!key) {
      setFormError(`Paste your ${label} key.`);
      inputRef.current?.focus();
      return;
    }
    if (!isPlausibleKey(provider, key)) {
      setFormError(`That does not look like a ${label} key. ${keyFormatHint(provider)}`);
      inputRef.current?.focus();
      return;
    }
    setSaving(true);
    setFormError(null);
    const error = await onSave(provider, key);
    setSaving(false);
    if (error) {
      setFormError(error);
      inputRef.current?.focus();
      return;
    }
    setDraft("");
    setEditing(false);
    setNotice(`${label} key saved.`);
    pendingFocus.current = "test";
  };

  const remove = async () => {
    setDeleting(true);
    const error = await onDelete(provider);
    setDeleting(false);
    setConfirmDelete(false);
    setNotice(error ?? `${label} key deleted.`);
    if (!error) pendingFocus.current = "input";
  };

  // Only a saved key has a state worth showing; a test answer only while it is still the latest news.
  const known = saved && health ? describeKeyHealth(health, provider, formatTime) : undefined;
  const local = saved && testResult && (health?.observedAt ?? null) === testResult.healthAt ? testResult : undefined;
  const status = cardStatus(saved, known, local, testing);

  return (
    <section className="ui-card" aria-labelledby={headingId} data-testid={`provider-card-${provider}`}>
      <div className="ui-card-head">
        <h3 id={headingId}>{label}</h3>
        <Badge tone={status.tone} testId={`provider-status-${provider}`}>
          {status.text}
        </Badge>
      </div>

      <div className="ui-card-meta">
        {saved ? (
          <>
            <span>
              Key <span className="ui-key-hint" data-testid={`provider-hint-${provider}`}>{saved.hint}</span>
            </span>
            <span>Saved {formatTime(saved.updatedAt)}</span>
          </>
        ) : (
          <span>No key saved. Recordings use your other keys first, then the platform&apos;s if your policy allows.</span>
        )}
        {local ? <span>Last tested {formatTime(local.at)}</span> : known ? <span>{known.when}</span> : null}
      </div>

      <div data-testid={`provider-test-message-${provider}`}>
        <StatusMessage tone={testing ? "info" : local ? (local.ok ? "success" : "error") : known ? MESSAGE_TONE[known.tone] : "info"}>
          {testing ? (
            <span className="ui-row">
              <Spinner /> Testing your {label} key…
            </span>
          ) : local ? (
            local.message
          ) : known ? (
            <KeyHealthNote description={known} />
          ) : null}
        </StatusMessage>
      </div>

      {saved && !editing ? (
        <div className="ui-card-actions">
          <BusyButton type="button" ref={testRef} className="ui-button ui-button-primary" onClick={() => onTest(provider)} busy={testing} aria-describedby={headingId}>
            Test
          </BusyButton>
          <button
            type="button"
            ref={replaceRef}
            className="ui-button"
            onClick={() => {
              setEditing(true);
              setNotice(null);
            }}
          >
            Replace
          </button>
          <button type="button" className="ui-button ui-button-danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        </div>
      ) : null}

      {showForm ? (
        <form className="ui-stack" onSubmit={submit} noValidate>
          <PasswordInput
            label={saved ? `New ${label} key` : `${label} API key`}
            value={draft}
            onChange={(value) => {
              setDraft(value);
              if (formError) setFormError(null);
            }}
            hint={keyFormatHint(provider)}
            error={formError}
            trimPaste
            autoFocus={editing}
            inputRef={inputRef}
            name={`${provider}-key`}
          />
          <div className="ui-form-actions">
            <BusyButton type="submit" className="ui-button ui-button-primary" busy={saving}>
              {saved ? "Replace key" : "Save key"}
            </BusyButton>
            {editing ? (
              <button
                type="button"
                className="ui-button"
                onClick={() => {
                  setEditing(false);
                  setDraft("");
                  setFormError(null);
                  requestAnimationFrame(() => replaceRef.current?.focus());
                }}
              >
                Cancel
              </button>
            ) : null}
          </div>
        </form>
      ) : null}

      <StatusMessage tone="success">{notice}</StatusMessage>

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete your ${label} key?`}
        confirmLabel="Delete key"
        danger
        busy={deleting}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      >
        <p className="ui-muted">
          The key is removed from this browser. Recordings will use your other keys, then the platform&apos;s keys, or
          fail if your policy is “only my keys”. The key stays valid with {label} until you revoke it there.
        </p>
      </ConfirmDialog>
    </section>
  );
}

const MESSAGE_TONE = { ok: "success", warn: "warn", danger: "error" } as const;

function cardStatus(
  saved: KeyMetadata | undefined,
  known: KeyHealthDescription | undefined,
  local: KeyTestResult | undefined,
  testing: boolean,
): { text: string; tone: "neutral" | "ok" | "warn" | "danger" | "accent" } {
  if (!saved) return { text: "Not set", tone: "neutral" };
  if (testing) return { text: "Testing…", tone: "accent" };
  if (local) return local.ok ? { text: "Tested OK", tone: "ok" } : { text: "Failed test", tone: "danger" };
  if (known) return { text: known.badge, tone: known.tone };
  return { text: "Saved", tone: "accent" };
}
