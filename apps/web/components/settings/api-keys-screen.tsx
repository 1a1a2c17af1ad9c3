"use client";

import { useQuery } from "@tanstack/react-query";
import { StatusMessage } from "~/components/ui/status-message";
import { describeCallError } from "~/components/ui/describe-call-error";
import { useTRPC } from "~/lib/trpc/client";
import { ByokKeysPanel } from "./byok-keys-panel";

export function ApiKeysScreen({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  return (
    <>
      {me.isError ? (
        <StatusMessage tone="error">
          {describeCallError(me.error, "Your account settings could not be loaded; the fallback policy cannot be changed right now.")}
        </StatusMessage>
      ) : null}
      <ByokKeysPanel userId={userId} policy={me.data?.policy} providerOrder={me.data?.providerOrder} />
    </>
  );
}
