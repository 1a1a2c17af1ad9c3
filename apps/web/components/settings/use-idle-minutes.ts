"use client";

import { useSyncExternalStore } from "react";
import { DEFAULT_IDLE_MINUTES, readIdleMinutes, subscribeIdleMinutes } from "~/lib/crypto/vault-idle-setting";

/** The auto-lock time of this browser; the server renders the default, the browser its choice. */
export function useIdleMinutes(): number {
  return useSyncExternalStore(subscribeIdleMinutes, readIdleMinutes, () => DEFAULT_IDLE_MINUTES);
}
