import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "~/components/site-header";
import { getServerSession } from "~/lib/session/server-session";
import "~/app/globals-ui.css";

export const metadata: Metadata = {
  title: { default: "Audio Insights", template: "%s · Audio Insights" },
  description: "Transcribe and analyse recordings with your own AI provider keys.",
};

// Every page reads the session and needs this request's CSP nonce, so nothing is prerendered.
export const dynamic = "force-dynamic";

/**
 * No client providers here: the tRPC client and React Query are mounted by the screens that call
 * the API (API Keys, Recordings), so the other pages do not download them.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="ui-skip-link">
          Skip to main content
        </a>
        <SiteHeader session={session} />
        <main id="main" tabIndex={-1} className="ui-main">
          {children}
        </main>
      </body>
    </html>
  );
}
