"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc/client";
import { ByokKeysPanel } from "./byok-keys-panel";

export function ApiKeysScreen({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  return <ByokKeysPanel userId={userId} policy={me.data?.policy} />;
}
