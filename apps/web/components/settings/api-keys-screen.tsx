"use client";

import type { Plan } from "@byok/types";
import { ByokKeysPanel } from "~/components/settings/byok-keys-panel";

export function ApiKeysScreen({ userId, plan }: { userId: string; plan: Plan | null }) {
  return <ByokKeysPanel userId={userId} plan={plan} />;
}
