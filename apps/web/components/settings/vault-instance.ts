import { createByokVault, type ByokVault } from "~/lib/crypto/byok-vault";

/**
 * One vault per user per page session, shared by every screen: an unlocked vault stays unlocked
 * while the user moves between Settings and Recordings without a full reload.
 */
const vaults = new Map<string, ByokVault>();

export function getVault(userId: string): ByokVault {
  let vault = vaults.get(userId);
  if (!vault) {
    vault = createByokVault({ userId });
    vaults.set(userId, vault);
  }
  return vault;
}
