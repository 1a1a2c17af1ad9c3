import Link from "next/link";
import type { Session } from "~/lib/session/session";
import { SignOutButton } from "~/components/sign-out-button";

export function SiteHeader({ session }: { session: Session | null }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          Audio Insights
        </Link>
        <nav className="nav" aria-label="Main">
          {session ? (
            <>
              <Link href="/recordings">Recordings</Link>
              <Link href="/settings">Settings</Link>
              <span className="nav__user">{session.email}</span>
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
