import type { OutgoingMail } from "~/lib/mail/mailer";

export function verificationMail(to: string, url: string): OutgoingMail {
  return {
    to,
    subject: "Confirm your e-mail for Audio Insights",
    text: `Open this link to confirm your e-mail address and finish signing up:\n\n${url}\n\nThe link works for 24 hours. If you did not sign up, ignore this message.\n`,
  };
}

export function resetPasswordMail(to: string, url: string): OutgoingMail {
  return {
    to,
    subject: "Reset your Audio Insights password",
    text: `Open this link to choose a new password:\n\n${url}\n\nThe link works for one hour, once. Every device signed in to your account is signed out when you change it. If you did not ask for this, ignore this message.\n`,
  };
}
