import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "~/components/site-header";
import { TRPCReactProvider } from "~/lib/trpc/client";
import { getServerSession } from "~/lib/session/server-session";
import "~/app/globals.css";
import "~/app/globals-ui.css";

export const metadata: Metadata = {
  title: { default: "Audio Insights", template: "%s · Audio Insights" },
  description: "Transcribe and analyse recordings with your own AI provider keys.",
};

// Every page reads the session and needs this request's CSP nonce, so nothing is prerendered.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession();
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>
          <SiteHeader session={session} />
          {children}
        </TRPCReactProvider>
      </body>
    </html>
  );
}
