import type { Metadata } from "next";
import Link from "next/link";
import { AuthPage } from "~/components/auth/auth-page";
import { ResetPasswordForm } from "~/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

const TOKEN = /^[A-Za-z0-9_-]{8,128}$/;

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const value = Array.isArray(token) ? token[0] : token;
  return (
    <AuthPage title="Choose a new password">
      {value && TOKEN.test(value) ? (
        <ResetPasswordForm token={value} />
      ) : (
        <p className="ui-alert ui-alert-error" role="alert">
          This link is no longer valid. <Link href="/forgot-password">Ask for a new one.</Link>
        </p>
      )}
    </AuthPage>
  );
}
