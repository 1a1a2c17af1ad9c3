import Link from "next/link";
import type { Session } from "~/lib/session/session";
import { SignOutButton } from "~/components/sign-out-button";

export function SiteHeader({ session }: { session: Session | null }) {
  return (
    <header className="ui-header">
      <div className="ui-header-inner">
        <Link href="/" className="ui-brand">
          Audio Insights
        </Link>
        <nav className="ui-nav" aria-label="Main">
          {session ? (
            <>
              <Link href="/recordings">Recordings</Link>
              <Link href="/usage">Usage</Link>
              <Link href="/settings">Settings</Link>
              <span className="ui-nav-user" title={session.email}>
                {session.email}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/sign-in">Sign in</Link>
          )}
        </nav>
      </div>
    </header>
  );
}
