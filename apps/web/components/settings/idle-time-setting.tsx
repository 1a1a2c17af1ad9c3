"use client";

import { useId } from "react";
import { IDLE_MINUTES_CHOICES, writeIdleMinutes } from "~/lib/crypto/vault-idle-setting";
import { useIdleMinutes } from "~/components/settings/use-idle-minutes";

/** The auto-lock time, per browser: every tab of this browser follows a change at once. */
export function IdleTimeSetting() {
  const minutes = useIdleMinutes();
  const id = useId();
  const choices: readonly number[] = IDLE_MINUTES_CHOICES.includes(minutes as (typeof IDLE_MINUTES_CHOICES)[number])
    ? IDLE_MINUTES_CHOICES
    : [...IDLE_MINUTES_CHOICES, minutes].sort((a, b) => a - b);
  return (
    <div className="ui-stack ui-idle-setting">
      <p className="ui-muted" data-testid="auto-lock-note">
        Locks after {minutes} min idle, when you sign out, or when you lock it in any tab.
      </p>
      <div className="ui-row ui-small">
        <label className="ui-label" htmlFor={id}>
          Auto-lock after
        </label>
        <select
          id={id}
          className="ui-input ui-select"
          value={minutes}
          aria-describedby={`${id}-hint`}
          onChange={(event) => writeIdleMinutes(Number(event.target.value))}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice} minutes
            </option>
          ))}
        </select>
        <span id={`${id}-hint`} className="ui-hint">
          without activity, in this browser
        </span>
      </div>
    </div>
  );
}
