/**
 * The auto-lock time chosen for this browser. Not secret: it lives in localStorage under
 * IDLE_MINUTES_STORAGE_KEY (docs/vault-format.md, "Auto-lock"), shared by every tab and account
 * of this browser, and every tab follows a change at once.
 */
export const IDLE_MINUTES_STORAGE_KEY = "byok-vault:idle-minutes";
export const MIN_IDLE_MINUTES = 5;
export const MAX_IDLE_MINUTES = 60;
export const DEFAULT_IDLE_MINUTES = 30;
export const IDLE_MINUTES_CHOICES = [5, 10, 15, 20, 30, 45, 60] as const;

/** Anything but a whole number of minutes in range (absent, edited by hand) means the default. */
export function parseIdleMinutes(raw: string | null | undefined): number {
  if (typeof raw !== "string" || !/^\d{1,2}$/.test(raw)) return DEFAULT_IDLE_MINUTES;
  const minutes = Number(raw);
  return minutes >= MIN_IDLE_MINUTES && minutes <= MAX_IDLE_MINUTES ? minutes : DEFAULT_IDLE_MINUTES;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "object" ? localStorage : null;
  } catch {
    // Storage access can throw (blocked site data); the default then applies.
    return null;
  }
}

export function readIdleMinutes(): number {
  try {
    return parseIdleMinutes(storage()?.getItem(IDLE_MINUTES_STORAGE_KEY));
  } catch {
    return DEFAULT_IDLE_MINUTES;
  }
}

const sameTab = new Set<(minutes: number) => void>();

export function writeIdleMinutes(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES) {
    throw new RangeError(`The auto-lock time must be ${MIN_IDLE_MINUTES}–${MAX_IDLE_MINUTES} whole minutes.`);
  }
  try {
    storage()?.setItem(IDLE_MINUTES_STORAGE_KEY, String(minutes));
  } catch {
    // Not stored (quota, blocked): this tab still follows the choice until it reloads.
  }
  for (const listener of [...sameTab]) listener(minutes);
}

/** Changes made in this tab and, through the storage event, in every other tab of the origin. */
export function subscribeIdleMinutes(listener: (minutes: number) => void): () => void {
  sameTab.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === IDLE_MINUTES_STORAGE_KEY || event.key === null) listener(parseIdleMinutes(event.newValue));
  };
  if (typeof window === "object") window.addEventListener("storage", onStorage);
  return () => {
    sameTab.delete(listener);
    if (typeof window === "object") window.removeEventListener("storage", onStorage);
  };
}
