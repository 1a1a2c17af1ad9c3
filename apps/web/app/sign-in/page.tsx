import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthPage } from "~/components/auth/auth-page";
import { SignInForm } from "~/components/auth/sign-in-form";
import { safeReturnPath } from "~/lib/auth/safe-return-path";
import { getServerSession } from "~/lib/session/server-session";

export const metadata: Metadata = { title: "Sign in" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; verified?: string | string[]; error?: string | string[] }>;
}) {
  const params = await searchParams;
  const returnTo = safeReturnPath(first(params.next));
  if (await getServerSession()) redirect(returnTo);
  const verified = first(params.verified) === "1" && !first(params.error);
  return (
    <AuthPage title="Sign in">
      {verified ? (
        <p className="ui-alert ui-alert-success" role="status">
          Your e-mail address is confirmed. Sign in to continue.
        </p>
      ) : first(params.error) ? (
        <p className="ui-alert ui-alert-error" role="alert">
          That link is no longer valid. Sign in to get a new one.
        </p>
      ) : null}
      <SignInForm next={returnTo} />
    </AuthPage>
  );
}
