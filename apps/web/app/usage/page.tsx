import type { Metadata } from "next";
import Link from "next/link";
import { UsageScreen } from "~/components/usage/usage-screen";
import { requireSession } from "~/lib/session/server-session";
import { TRPCReactProvider } from "~/lib/trpc/client";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage() {
  await requireSession("/usage");
  return (
    <div className="ui-page">
      <div className="ui-container">
        <p className="ui-breadcrumb">
          <Link href="/">Home</Link> / <Link href="/usage">Usage</Link>
        </p>
        <h1>Usage</h1>
        <p className="ui-lede">
          Every call your recordings made to a provider, per month, split by who paid: your own keys or the platform&apos;s.
        </p>
        <TRPCReactProvider>
          <UsageScreen />
        </TRPCReactProvider>
      </div>
    </div>
  );
}
