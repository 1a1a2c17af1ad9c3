import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "~/components/auth/sign-up-form";
import { getServerSession } from "~/lib/session/server-session";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getServerSession()) redirect("/settings");
  return (
    <main className="page page--narrow">
      <h1>Create an account</h1>
      <p className="lead">Every account starts on the Free plan. We confirm your e-mail address before you can sign in.</p>
      <SignUpForm />
    </main>
  );
}
