import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";

export type TOutgoingMail = { messageId: string; to: string; subject: string; text: string; html: string };
export type TMailer = { mode: "smtp" | "log" | "unconfigured"; send: (mail: TOutgoingMail) => Promise<void>; close: () => void };

const TIMEOUT_MS = 15_000;
let cached: TMailer | undefined;

/**
 * SMTP through nodemailer when SMTP_HOST is set. Without it, in development each mail is
 * written to the worker's log and counts as sent; in production each attempt fails with a
 * plain error and the mail is FAILED at once (no retries), with the cause on the row.
 */
export function mailer(): TMailer {
  if (cached) return cached;
  const e = env();
  if (!e.SMTP_HOST && e.NODE_ENV === "production") {
    // A production log must not hold live approve / reject links: the mail fails visibly instead.
    cached = {
      mode: "unconfigured",
      async send() {
        throw new Error("SMTP_HOST is not set, so e-mail cannot be sent (see README, Configuration)");
      },
      close() {},
    };
    return cached;
  }
  if (!e.SMTP_HOST) {
    cached = {
      mode: "log",
      async send(mail) {
        console.log(`[email] SMTP_HOST is not set, so this mail is logged instead of sent\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`);
      },
      close() {},
    };
    return cached;
  }
  // Pooled: a drain sends mail after mail over a few open connections instead of a new
  // connection (and TLS handshake) per mail — about 3× faster even on loopback.
  const transport: Transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: 3,
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE,
    auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? "" } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  cached = {
    mode: "smtp",
    async send(mail) {
      // The outbox row id as Message-ID: a mail re-sent after a crash can be recognised as the same one.
      await transport.sendMail({ from: e.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: `<${mail.messageId}@arbiter>` });
    },
    close: () => transport.close(),
  };
  return cached;
}

/** Closes pooled SMTP connections (worker shutdown, tests); the next send opens new ones. */
export function closeMailer(): void {
  cached?.close();
  cached = undefined;
}
