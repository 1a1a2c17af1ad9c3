"use client";

import { ByokKeysPanel } from "~/components/settings/byok-keys-panel";

export function ApiKeysScreen({ userId }: { userId: string }) {
  return <ByokKeysPanel userId={userId} />;
}
