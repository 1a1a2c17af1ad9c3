import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface SunkMail extends OutgoingMail {
  id: string;
  from: string;
  sentAt: number;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super("No mail transport is configured: set SMTP_URL (or MAIL_SINK_DIR for development).");
    this.name = "MailNotConfiguredError";
  }
}

const sunkMailSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  sentAt: z.number(),
});

/**
 * Real deployments send through SMTP. Development and the tests write each message, as nodemailer
 * builds it, to a directory (never to the internet): /dev/mail shows them, the tests read them.
 */
export function createMailer({ from, smtpUrl, sinkDir }: { from: string; smtpUrl?: string; sinkDir?: string }): Mailer {
  if (sinkDir) {
    const transport: Transporter = nodemailer.createTransport({ jsonTransport: true });
    return {
      async send(mail) {
        const info = (await transport.sendMail({ from, ...mail })) as { message: string };
        const built = JSON.parse(info.message) as { to: { address: string }[]; subject: string; text: string };
        const sunk: SunkMail = {
          id: `${Date.now().toString(36)}-${randomUUID()}`,
          from,
          to: built.to.map((t) => t.address).join(", "),
          subject: built.subject,
          text: built.text,
          sentAt: Date.now(),
        };
        await mkdir(sinkDir, { recursive: true });
        // Written whole, then renamed: a reader never sees half a message.
        const file = join(sinkDir, `${sunk.id}.json`);
        await writeFile(`${file}.tmp`, JSON.stringify(sunk), { mode: 0o600 });
        await rename(`${file}.tmp`, file);
      },
    };
  }
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from, ...mail });
      },
    };
  }
  return {
    send() {
      return Promise.reject(new MailNotConfiguredError());
    },
  };
}

/** The sink's messages, newest first; for /dev/mail and the tests. */
export async function readMailSink(sinkDir: string): Promise<SunkMail[]> {
  let files: string[];
  try {
    files = (await readdir(sinkDir)).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  const mails: SunkMail[] = [];
  for (const file of files) {
    const parsed = sunkMailSchema.safeParse(JSON.parse(await readFile(join(sinkDir, file), "utf8")));
    if (parsed.success) mails.push(parsed.data);
  }
  return mails.sort((a, b) => b.sentAt - a.sentAt || b.id.localeCompare(a.id));
}
