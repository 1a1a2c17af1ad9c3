import { createByokVault, type ByokVault } from "~/lib/crypto/byok-vault";
import { readIdleMinutes, subscribeIdleMinutes } from "~/lib/crypto/vault-idle-setting";
import { connectVaultKeeper } from "~/lib/crypto/vault-keeper-link";

/**
 * One vault per user per page, shared by every screen: an unlocked vault stays unlocked while the
 * user moves between Settings and Recordings, and the key keeper carries it over reloads and tabs.
 */
const vaults = new Map<string, ByokVault>();

export function getVault(userId: string): ByokVault {
  let vault = vaults.get(userId);
  if (!vault) {
    const created = createByokVault({
      userId,
      idleTimeoutMs: readIdleMinutes() * 60_000,
      keeper: connectVaultKeeper(),
    });
    subscribeIdleMinutes((minutes) => created.setIdleTimeout(minutes * 60_000));
    vaults.set(userId, created);
    vault = created;
  }
  return vault;
}
