import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthPage } from "~/components/auth/auth-page";
import { SignUpForm } from "~/components/auth/sign-up-form";
import { getServerSession } from "~/lib/session/server-session";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getServerSession()) redirect("/settings");
  return (
    <AuthPage
      title="Create an account"
      lede="Every account starts on the Free plan. We confirm your e-mail address before you can sign in."
    >
      <SignUpForm />
    </AuthPage>
  );
}
