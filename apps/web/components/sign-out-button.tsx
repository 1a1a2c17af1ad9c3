"use client";

import { useTransition } from "react";
import { signOut } from "~/lib/auth/sign-out";

export function SignOutButton() {
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" disabled={pending} onClick={() => startTransition(() => signOut())}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
