import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";

// Outgoing e-mail over SMTP. In development and tests SMTP_URL points at the local catcher
// (scripts/lib/smtp-catcher.ts); in production at the provider's relay. Callers write the
// Portuguese subject and body (see ./templates.ts); nothing is added here.

export type MailMessage = { to: string; subject: string; text: string; html?: string };

let current: { url: string; transport: Transporter } | undefined;

/** One pooled transport per process: a handshake per message would be slow under load. */
function transport(): Transporter {
  const url = env().SMTP_URL;
  if (!url) {
    throw new Error(
      "SMTP_URL is not set, so e-mail cannot be sent. Set it to smtp(s)://user:pass@host:port " +
        "(npm run dev and the e2e server point it at their local catcher).",
    );
  }
  if (current?.url === url) return current.transport;
  current?.transport.close();
  // `pool` travels in the URL because createTransport ignores other options when given a URL.
  const pooled = new URL(url);
  if (!pooled.searchParams.has("pool")) pooled.searchParams.set("pool", "true");
  current = { url, transport: nodemailer.createTransport(pooled.toString()) };
  return current.transport;
}

export async function sendMail(msg: MailMessage): Promise<void> {
  // One recipient per message: a list would show every patient's address to the others.
  if (!msg.to.trim() || /[\r\n,;]/.test(msg.to)) throw new Error("sendMail: `to` must be a single address.");
  await transport().sendMail({
    from: env().MAIL_FROM,
    to: msg.to.trim(),
    subject: msg.subject,
    text: msg.text,
    ...(msg.html === undefined ? {} : { html: msg.html }),
  });
}

/** Closes the pooled connections (tests, and scripts that must exit cleanly). */
export function closeMailTransport(): void {
  current?.transport.close();
  current = undefined;
}
