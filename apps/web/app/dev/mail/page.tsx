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
    <div className="ui-page">
      <div className="ui-container ui-stack">
        <h1>Mail sink</h1>
        <p className="ui-lede">
          Messages the app sent while MAIL_SINK_DIR is set, newest first. Nothing here left this machine.
        </p>
        {mails.length === 0 ? <p className="ui-muted">No messages yet.</p> : null}
        {mails.map((mail) => (
          <article key={mail.id} className="ui-section" aria-label={`Mail to ${mail.to}: ${mail.subject}`}>
            <h2>{mail.subject}</h2>
            <p className="ui-muted">
              To {mail.to} · {new Date(mail.sentAt).toISOString()}
            </p>
            <p className="ui-pre-wrap">
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
      </div>
    </div>
  );
}
