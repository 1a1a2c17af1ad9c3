import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { PLAN_MAX_TIER, providerLabelList } from "@byok/types";
import { PasskeySection } from "~/components/auth/passkey-section";
import { getServices } from "~/lib/server/services";
import { requireSession } from "~/lib/session/server-session";

export const metadata: Metadata = { title: "Settings" };

const POLICY_LABELS = { fallback: "Fall back to the platform key", byok_only: "Only my keys" } as const;

export default async function SettingsPage() {
  const session = await requireSession("/settings");
  const { accounts, auth } = getServices();
  const [account, passkeys] = await Promise.all([
    accounts.get(session.userId),
    auth.api.listPasskeys({ headers: await headers() }),
  ]);
  return (
    <div className="ui-page">
      <div className="ui-container">
        <h1>Settings</h1>
        <section className="ui-section" aria-labelledby="account-title">
          <h2 id="account-title">Account</h2>
          <dl className="ui-facts">
            <dt>Email</dt>
            <dd>{session.email}</dd>
            <dt>Plan</dt>
            <dd>
              {account ? (
                <>
                  <span className="ui-badge ui-badge-accent">{account.plan}</span> models up to tier{" "}
                  {PLAN_MAX_TIER[account.plan]}
                </>
              ) : (
                "unknown — sign in again"
              )}
              <span className="ui-muted"> · plans change through billing, not here</span>
            </dd>
            <dt>When your key fails</dt>
            <dd>{account ? POLICY_LABELS[account.policy] : "—"}</dd>
          </dl>
        </section>
        <PasskeySection names={passkeys.map((p) => p.name ?? "Passkey")} />
        <Link href="/settings/api-keys" className="ui-section ui-section-link">
          <span className="ui-section-link-title">API Keys →</span>
          <p className="ui-muted">
            Store your {providerLabelList("and")} keys in an encrypted vault in this browser, test them, and choose what
            happens when one fails.
          </p>
        </Link>
      </div>
    </div>
  );
}
