import Link from "next/link";
import type { ReactNode } from "react";
import { RecordingsScreen } from "~/components/recordings/recordings-screen";
import { requireSessionForCurrentPath } from "~/lib/session/require-session";
import { TRPCReactProvider } from "~/lib/trpc/client";

export default async function RecordingsLayout({ children }: { children: ReactNode }) {
  const session = await requireSessionForCurrentPath("/recordings");
  return (
    <div className="ui-page">
      <div className="ui-container">
        <p className="ui-breadcrumb">
          <Link href="/">Home</Link> / <Link href="/recordings">Recordings</Link>
        </p>
        <h1>Recordings</h1>
        <p className="ui-lede">
          Upload a recording to get a transcript and an analysis. Each step shows which key paid for it.{" "}
          <Link href="/settings/api-keys">Manage your API keys</Link>
        </p>
        <TRPCReactProvider>
          <RecordingsScreen userId={session.userId}>{children}</RecordingsScreen>
        </TRPCReactProvider>
      </div>
    </div>
  );
}
