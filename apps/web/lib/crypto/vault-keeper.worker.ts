/**
 * SharedWorker entry of the key keeper (./vault-keeper.ts). Pages connect through
 * ./vault-keeper-link.ts; locks and activity arrive on the same channel every tab listens to.
 */
import { CLIENT_LOCK_PREFIX } from "~/lib/crypto/vault-keeper-protocol";
import { createVaultKeeper, type KeeperPort } from "~/lib/crypto/vault-keeper";
import { openTabChannel } from "~/lib/crypto/vault-tabs";

interface SharedWorkerScope {
  onconnect: ((event: MessageEvent) => void) | null;
  navigator: { locks?: LockManager };
}

const scope = globalThis as unknown as SharedWorkerScope;
const locks = scope.navigator.locks;

const keeper = createVaultKeeper({
  now: () => Date.now(),
  watchClient: locks
    ? (clientId, gone) => {
        // Granted only once the page that holds this lock is gone (closed, reloaded, crashed).
        void locks.request(CLIENT_LOCK_PREFIX + clientId, () => gone()).catch(() => gone());
      }
    : undefined,
});

openTabChannel((message) => keeper.onTabMessage(message));

scope.onconnect = (event: MessageEvent) => {
  const port = event.ports[0];
  if (port) keeper.connect(port as unknown as KeeperPort);
};
