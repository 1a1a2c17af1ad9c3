import Link from "next/link";
import { RecordingsScreen } from "~/components/recordings/recordings-screen";
import { requireSession } from "~/lib/session/server-session";

export const metadata = { title: "Recordings" };

export default async function RecordingsPage() {
  const session = await requireSession("/recordings");
  return (
    <main className="ui-page">
      <div className="ui-container">
        <p className="ui-breadcrumb">
          <Link href="/">Home</Link> / Recordings
        </p>
        <h1>Recordings</h1>
        <p className="ui-lede">
          Upload a recording to get a transcript and an analysis. Each step shows which key paid for it.{" "}
          <Link href="/settings/api-keys">Manage your API keys</Link>
        </p>
        <RecordingsScreen userId={session.userId} />
      </div>
    </main>
  );
}
