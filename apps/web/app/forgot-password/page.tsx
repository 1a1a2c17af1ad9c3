import type { Metadata } from "next";
import { ForgotPasswordForm } from "~/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <main className="page page--narrow">
      <h1>Forgot your password</h1>
      <p className="lead">
        We send a link to choose a new one. Your vault password is different: it never leaves your browser, and nobody
        can reset it.
      </p>
      <ForgotPasswordForm />
    </main>
  );
}
