import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { readMailSink } from "~/lib/mail/mailer";
import { clientIpOf } from "~/lib/server/client-address";
import { getServices } from "~/lib/server/services";

export const metadata: Metadata = { title: "Mail sink" };

const LOOPBACK = new Set(["127.0.0.1", "::1"]);
const URL_IN_TEXT = /(https?:\/\/[^\s]+)/g;

/**
 * The development mail sink: what the app would have mailed. Exists only when MAIL_SINK_DIR is
 * set, and answers only this machine, since the messages hold sign-up and password links.
 */
export default async function DevMailPage() {
  const { env } = getServices();
  if (!env.MAIL_SINK_DIR || !LOOPBACK.has(clientIpOf(await headers()))) notFound();
  const mails = await readMailSink(env.MAIL_SINK_DIR);
  return (
    <main className="page">
      <h1>Mail sink</h1>
      <p className="lead">Messages the app sent while MAIL_SINK_DIR is set, newest first. Nothing here left this machine.</p>
      {mails.length === 0 ? <p className="hint">No messages yet.</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="card" aria-label={`Mail to ${mail.to}: ${mail.subject}`}>
          <h2>{mail.subject}</h2>
          <p className="hint">
            To {mail.to} · {new Date(mail.sentAt).toISOString()}
          </p>
          <p className="mail-text">
            {mail.text.split(URL_IN_TEXT).map((part, i) =>
              i % 2 === 1 ? (
                <a key={i} href={part}>
                  {part}
                </a>
              ) : (
                <span key={i}>{part}</span>
              ),
            )}
          </p>
        </article>
      ))}
    </main>
  );
}
