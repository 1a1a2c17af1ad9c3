import type { Metadata } from "next";
import { AuthPage } from "~/components/auth/auth-page";
import { ForgotPasswordForm } from "~/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <AuthPage
      title="Forgot your password"
      lede="We send a link to choose a new one. Your vault password is different: it never leaves your browser, and nobody can reset it."
    >
      <ForgotPasswordForm />
    </AuthPage>
  );
}
