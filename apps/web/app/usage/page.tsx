import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { StatusMessage } from "~/components/ui/status-message";
import { USAGE_MONTHS, UsageScreen } from "~/components/usage/usage-screen";
import { numberFormats, requestLocales } from "~/lib/format/numbers";
import { getLogger } from "~/lib/server/logger";
import { getServices } from "~/lib/server/services";
import { requireSession } from "~/lib/session/server-session";
import { summarizeUsage, type UsageSummary } from "~/lib/usage/usage-summary";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage() {
  const session = await requireSession("/usage");
  let summary: UsageSummary | null = null;
  try {
    summary = await summarizeUsage(getServices().usage, session.userId, USAGE_MONTHS);
  } catch (error) {
    // The page still renders, with a sentence instead of figures; the log names the failure, not its data.
    getLogger().error({ errorName: error instanceof Error ? error.name : "unknown" }, "usage summary failed");
  }
  const f = numberFormats(requestLocales((await headers()).get("accept-language")));
  return (
    <div className="ui-page">
      <div className="ui-container">
        <p className="ui-breadcrumb">
          <Link href="/">Home</Link> / <Link href="/usage">Usage</Link>
        </p>
        <h1>Usage</h1>
        <p className="ui-lede">
          Every call your recordings made to a provider, per month, split by who paid: your own keys or the
          platform&apos;s.
        </p>
        {summary ? (
          <UsageScreen summary={summary} f={f} />
        ) : (
          <StatusMessage tone="error">Your usage could not be loaded. Reload the page in a moment.</StatusMessage>
        )}
      </div>
    </div>
  );
}
