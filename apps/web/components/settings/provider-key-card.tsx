"use client";

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import indefinite from "indefinite";
import { PROVIDER_REGISTRY, isPlausibleKey, keyFormatHint, type Plan, type Provider } from "@byok/types";
import type { KeyMetadata } from "~/lib/crypto/byok-vault";
import { Badge } from "~/components/ui/badge";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { PasswordInput } from "~/components/ui/password-input";
import { BusyButton } from "~/components/ui/busy-button";
import { Spinner } from "~/components/ui/spinner";
import { StatusMessage } from "~/components/ui/status-message";
import { testCooldownMessage, type KeyTestResult } from "~/components/settings/key-test-result";
import type { KeyHealthView } from "~/components/settings/key-health-view";
import { KeyHealthNote } from "~/components/settings/key-health-note";
import { KeyUnlocksList } from "~/components/settings/key-unlocks-list";
import { describeKeyHealth, type KeyHealthDescription } from "~/components/settings/describe-key-health";
import { formatDateTime } from "~/lib/format/date-time";
import { vaultErrorMessage } from "~/components/settings/vault-messages";

export interface ProviderKeyCardProps {
  provider: Provider;
  /** The user's plan, for what the key unlocks; null while unknown. */
  plan: Plan | null;
  saved: KeyMetadata | undefined;
  /** The key's last known state, from the server: it survives reloads and locks. */
  health: KeyHealthView | undefined;
  testResult: KeyTestResult | undefined;
  testing: boolean;
  /**
   * Our rate limit on key tests is running: Test waits `secondsLeft` more (of `seconds`), and `here`
   * is the card whose test hit it.
   */
  cooldown: { secondsLeft: number; seconds: number; here: boolean } | null;
  onSave: (provider: Provider, key: string) => Promise<string | null>;
  onTest: (provider: Provider) => void;
  onDelete: (provider: Provider) => Promise<string | null>;
}

/** The id of the message that explains a paused Test button; the other cards' buttons point at it. */
const COOLDOWN_MESSAGE_ID = "key-test-cooldown";

export function ProviderKeyCard({
  provider,
  plan,
  saved,
  health,
  testResult,
  testing,
  cooldown,
  onSave,
  onTest,
  onDelete,
}: ProviderKeyCardProps) {
  const { label, links } = PROVIDER_REGISTRY[provider];
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // What the card last did itself (saved, deleted, or why that failed). A test replaces it: the card
  // shows one status at a time, so a stale "saved" never sits under a failed test.
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
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
      setFormError(`That does not look like ${indefinite(`${label} key`)}. ${keyFormatHint(provider)}`);
      inputRef.current?.focus();
      return;
    }
    setSaving(true);
    setFormError(null);
    setNotice(null);
    const error = await onSave(provider, key);
    setSaving(false);
    if (error) {
      setFormError(error);
      inputRef.current?.focus();
      return;
    }
    setDraft("");
    setEditing(false);
    setNotice({ tone: "success", text: `${label} key saved.` });
    pendingFocus.current = "test";
  };

  const remove = async () => {
    setDeleting(true);
    const error = await onDelete(provider);
    setDeleting(false);
    setConfirmDelete(false);
    setNotice(error ? { tone: "error", text: error } : { tone: "success", text: `${label} key deleted.` });
    if (!error) pendingFocus.current = "input";
  };

  const failSave = (failure: unknown) => {
    setSaving(false);
    setFormError(vaultErrorMessage(failure));
  };
  const failRemove = (failure: unknown) => {
    setDeleting(false);
    setConfirmDelete(false);
    setNotice({ tone: "error", text: vaultErrorMessage(failure) });
  };

  // Only a saved key has a state worth showing; a test answer only while it is still the latest news.
  const known = saved && health ? describeKeyHealth(health, provider, formatDateTime) : undefined;
  const local = saved && testResult && (health?.observedAt ?? null) === testResult.healthAt ? testResult : undefined;
  const status = cardStatus(saved, known, local, testing);
  const cooldownHere = cooldown?.here === true;
  // Retry keeps focus on Test, which stays on screen while the Retry button goes with the message.
  const retry =
    saved && !editing && cooldown === null
      ? () => {
          testRef.current?.focus();
          setNotice(null);
          onTest(provider);
        }
      : undefined;
  const message = cardMessage({
    label,
    testing,
    cooldown: cooldownHere ? cooldown : null,
    notice,
    testResult: local,
    known,
  });

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
              Key{" "}
              <span className="ui-key-hint" data-testid={`provider-hint-${provider}`}>
                {saved.hint}
              </span>
            </span>
            <span>Saved {formatDateTime(saved.updatedAt)}</span>
          </>
        ) : (
          <span>
            No key saved. Recordings use your other keys first, then the platform&apos;s if your policy allows.
          </span>
        )}
        {local ? <span>Last tested {formatDateTime(local.at)}</span> : known ? <span>{known.when}</span> : null}
        <span>
          Get a key on{" "}
          <a href={links.createKey} target="_blank" rel="noopener noreferrer">
            the {label} API keys page
          </a>
          .
        </span>
      </div>

      {plan ? <KeyUnlocksList provider={provider} plan={plan} /> : null}

      <div data-testid={`provider-test-message-${provider}`}>
        <StatusMessage tone={message.tone} announce="polite" id={cooldownHere ? COOLDOWN_MESSAGE_ID : undefined}>
          {message.note ? <KeyHealthNote description={message.note} onRetry={retry} /> : message.content}
        </StatusMessage>
      </div>

      {saved && !editing ? (
        <div className="ui-card-actions">
          <BusyButton
            type="button"
            ref={testRef}
            className="ui-button ui-button-primary"
            onClick={() => {
              setNotice(null);
              onTest(provider);
            }}
            busy={testing}
            disabled={cooldown !== null}
            keepFocus
            aria-describedby={cooldown ? `${headingId} ${COOLDOWN_MESSAGE_ID}` : headingId}
          >
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
        <form
          className="ui-stack"
          onSubmit={(event) => {
            submit(event).catch(failSave);
          }}
          noValidate
        >
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
            notAPassword
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

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete your ${label} key?`}
        confirmLabel="Delete key"
        danger
        busy={deleting}
        onConfirm={() => {
          remove().catch(failRemove);
        }}
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

/** The card's one status line: what is happening now, else the latest thing that happened. */
function cardMessage({
  label,
  testing,
  cooldown,
  notice,
  testResult,
  known,
}: {
  label: string;
  testing: boolean;
  cooldown: { secondsLeft: number; seconds: number } | null;
  notice: { tone: "success" | "error"; text: string } | null;
  testResult: KeyTestResult | undefined;
  known: KeyHealthDescription | undefined;
}): {
  tone: "info" | "success" | "error" | "warn";
  content?: ReactNode;
  note?: Pick<KeyHealthDescription, "message" | "action">;
} {
  if (testing) {
    return {
      tone: "info",
      content: (
        <span className="ui-row">
          <Spinner /> Testing your {label} key…
        </span>
      ),
    };
  }
  if (cooldown) {
    // The visible countdown ticks every second; screen readers get the message once, not a tick a second.
    return {
      tone: "info",
      content: (
        <>
          <span aria-hidden="true">{testCooldownMessage(cooldown.secondsLeft)}</span>
          <span className="ui-sr-only">{testCooldownMessage(cooldown.seconds)}</span>
        </>
      ),
    };
  }
  if (notice) return { tone: notice.tone, content: notice.text };
  // A result or a known state: its words and what to do, rendered with the card's Retry.
  if (testResult) return { tone: testResult.ok ? "success" : "error", note: testResult };
  if (known) return { tone: MESSAGE_TONE[known.tone], note: known };
  return { tone: "info", content: null };
}
