import Link from "next/link";
import { providerLabelList } from "@byok/types";
import { ApiKeysScreen } from "~/components/settings/api-keys-screen";
import { getServices } from "~/lib/server/services";
import { requireSession } from "~/lib/session/server-session";
import { TRPCReactProvider } from "~/lib/trpc/client";

export const metadata = { title: "API Keys" };

export default async function ApiKeysPage() {
  const session = await requireSession("/settings/api-keys");
  // The plan decides which models each key unlocks; the cards say so from the first paint.
  const account = await getServices().accounts.get(session.userId);
  return (
    <div className="ui-page">
      <div className="ui-container">
        <p className="ui-breadcrumb">
          <Link href="/settings">Settings</Link> / API Keys
        </p>
        <h1>API Keys</h1>
        <p className="ui-lede">
          Use your own {providerLabelList("and")} keys for your recordings. Keys are encrypted in this browser and reach
          our servers only for the few minutes a recording needs them.
        </p>
        <TRPCReactProvider>
          <ApiKeysScreen userId={session.userId} plan={account?.plan ?? null} />
        </TRPCReactProvider>
        <p className="ui-muted ui-small">
          <Link href="/recordings">Go to recordings</Link>
        </p>
      </div>
    </div>
  );
}
