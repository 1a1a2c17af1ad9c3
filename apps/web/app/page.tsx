import Link from "next/link";
import { getServerSession } from "~/lib/session/server-session";

export default async function HomePage() {
  const session = await getServerSession();
  return (
    <main className="page">
      <h1>Turn recordings into notes, with your own AI keys</h1>
      <p className="lead">
        Upload a recording: it is transcribed and summarised by OpenAI, Anthropic or Google Gemini. Bring your own
        provider keys and pay the provider directly; they stay encrypted in your browser.
      </p>
      <p>
        {session ? (
          <Link href="/settings" className="button">
            Open settings
          </Link>
        ) : (
          <Link href="/sign-in" className="button">
            Sign in to start
          </Link>
        )}
      </p>
      <div className="grid">
        <section className="card">
          <h2>Keys stay yours</h2>
          <p className="hint">Encrypted with your vault password in this browser. The server only ever holds them for five minutes, encrypted, while your job runs.</p>
        </section>
        <section className="card">
          <h2>See who paid</h2>
          <p className="hint">Every result says whether your key or ours paid for it, and why.</p>
        </section>
        <section className="card">
          <h2>Your rules</h2>
          <p className="hint">Fall back to the platform&apos;s key when yours fails, or never: you choose.</p>
        </section>
      </div>
    </main>
  );
}
