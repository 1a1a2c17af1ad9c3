"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { ByokVault } from "~/lib/crypto/byok-vault";
import { StatusMessage } from "~/components/ui/status-message";

const STAYED_NOTICE_MS = 5_000;
const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", second: "2-digit" });

/**
 * The warning a minute before the vault locks itself. It is announced (assertive live region),
 * takes the focus so one key press keeps the vault open, and gives the focus back afterwards.
 */
export function AutoLockWarning({ vault }: { vault: ByokVault | null }) {
  const [lockAt, setLockAt] = useState<number | null>(null);
  const [stayed, setStayed] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const textId = useId();
  const shown = lockAt !== null;

  useEffect(() => {
    if (!vault) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the warning follows the vault instance, an outside clock: no vault, no warning.
      setLockAt(null);
      return;
    }
    setLockAt(vault.autoLockWarning());
    return vault.subscribe((event) => {
      if (event.type === "auto-lock-warning") {
        setStayed(false);
        setLockAt(event.lockAt);
      } else if (event.type === "auto-lock-postponed") {
        // Whatever moved the lock away (this button, a key press, another tab), say so.
        setStayed(true);
        setLockAt(null);
      } else if (event.type === "lock") {
        setLockAt(null);
      }
    });
  }, [vault]);

  useEffect(() => {
    if (!stayed) return;
    const timer = setTimeout(() => setStayed(false), STAYED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [stayed]);

  useEffect(() => {
    if (!shown) return;
    const active = document.activeElement;
    returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : null;
    const button = buttonRef.current;
    button?.focus();
    return () => {
      // Only if the focus is still ours: activity elsewhere must not pull the user back.
      if (document.activeElement === button || document.activeElement === document.body) returnFocus.current?.focus();
    };
  }, [shown]);

  return (
    <>
      <div aria-live="assertive" className="ui-autolock-region">
        {shown ? (
          <section
            className="ui-autolock"
            aria-labelledby={titleId}
            aria-describedby={textId}
            data-testid="auto-lock-warning"
          >
            <h2 id={titleId}>Your key vault is about to lock</h2>
            <p id={textId}>
              Without activity it locks at {clock.format(lockAt)}, in about a minute. Your keys stay saved; you would
              need your vault password to use them again.
            </p>
            <div className="ui-form-actions">
              <button
                ref={buttonRef}
                type="button"
                className="ui-button ui-button-primary"
                onClick={() => vault?.touch()}
              >
                Stay unlocked
              </button>
            </div>
          </section>
        ) : null}
      </div>
      <StatusMessage tone="success" testId="auto-lock-stayed">
        {stayed ? "The vault stays unlocked." : null}
      </StatusMessage>
    </>
  );
}
