"use client";

import { useCallback, useState, type FormEvent, type ReactNode } from "react";
import { StatusMessage } from "~/components/ui/status-message";

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

/**
 * The state every auth form shares: its one error and whether a request is running. `run` sends
 * one request: it returns the error to show, or null; a rejection means the request never got an
 * answer (the auth client answers errors as values). `stayBusy` keeps the form busy after a success
 * that navigates away, so nobody submits twice while the next page loads.
 */
export function useAuthForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const run = useCallback(
    (request: () => Promise<string | null>, { stayBusy = false }: { stayBusy?: boolean } = {}) => {
      setPending(true);
      setError(null);
      request().then(
        (failure) => {
          setError(failure);
          if (failure || !stayBusy) setPending(false);
        },
        () => {
          setError(UNREACHABLE);
          setPending(false);
        },
      );
    },
    [],
  );
  return { error, setError, pending, run };
}

/** An auth screen's form: one card, its error first (read out as soon as it appears), then the fields. */
export function AuthForm({
  onSubmit,
  error,
  errorId,
  children,
}: {
  onSubmit: (form: HTMLFormElement) => void;
  error: string | null;
  /** The fields point at it (`aria-describedby`), so a screen reader reads it with the field. */
  errorId: string;
  children: ReactNode;
}) {
  return (
    <form
      className="ui-section ui-stack"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit(event.currentTarget);
      }}
    >
      <StatusMessage tone="error" id={errorId}>
        {error}
      </StatusMessage>
      {children}
    </form>
  );
}
