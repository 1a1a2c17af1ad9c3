import Link from "next/link";
import { providerLabelList } from "@byok/types";
import { getServerSession } from "~/lib/session/server-session";

export default async function HomePage() {
  const session = await getServerSession();
  return (
    <div className="ui-page">
      <div className="ui-container">
        <h1>Turn recordings into notes, with your own AI keys</h1>
        <p className="ui-lede">
          Upload a recording: it is transcribed and summarised by {providerLabelList("or")}. Bring your own provider
          keys and pay the provider directly; they stay encrypted in your browser.
        </p>
        <p>
          {session ? (
            <Link href="/settings" className="ui-button ui-button-primary">
              Open settings
            </Link>
          ) : (
            <Link href="/sign-in" className="ui-button ui-button-primary">
              Sign in to start
            </Link>
          )}
        </p>
        <div className="ui-grid">
          <section className="ui-section">
            <h2>Keys stay yours</h2>
            <p className="ui-muted">
              Encrypted with your vault password in this browser. The server only ever holds them for five minutes,
              encrypted, while your job runs.
            </p>
          </section>
          <section className="ui-section">
            <h2>See who paid</h2>
            <p className="ui-muted">Every result says whether your key or ours paid for it, and why.</p>
          </section>
          <section className="ui-section">
            <h2>Your rules</h2>
            <p className="ui-muted">Fall back to the platform&apos;s key when yours fails, or never: you choose.</p>
          </section>
        </div>
      </div>
    </div>
  );
}
