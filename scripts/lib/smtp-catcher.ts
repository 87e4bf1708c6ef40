// A local SMTP server for development and tests: accepts every message sent to it and keeps each
// one as a JSON file in the outbox directory (read by lib/outbox/read.ts, shown at /dev/outbox).
// Nothing is relayed. It listens on loopback only, without authentication or TLS: it must never
// be reachable from another machine.
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { writeOutboxItem } from "../../lib/outbox/write";

export type SmtpCatcher = { port: number; url: string; stop(): Promise<void> };

const HOST = "127.0.0.1";
export type SmtpCatcherOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  outboxDir: string;
  /** Default 10 MiB: far above any e-mail we send, and stops runaway input. */
  maxMessageBytes?: number;
};

export async function startSmtpCatcher({ port = 0, outboxDir, maxMessageBytes = 10 * 1024 * 1024 }: SmtpCatcherOptions): Promise<SmtpCatcher> {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: maxMessageBytes,
    logger: false,
    banner: "Prontivus development mail catcher",
    disableReverseLookup: true,
    // The sender's pooled connections may still be open at shutdown; don't wait 30 s for them.
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      catchMessage(stream, session, outboxDir).then(() => callback(), (error: Error) => callback(error));
    },
  });
  server.on("error", (error) => console.error(`[smtp-catcher] ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(new Error(`SMTP catcher cannot listen on ${HOST}:${port}: ${error.message}`));
    server.server.once("error", onError);
    server.listen(port, HOST, () => {
      server.server.off("error", onError);
      resolve();
    });
  });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("SMTP catcher: no TCP address after listen");

  let stopping: Promise<void> | undefined;
  return {
    port: address.port,
    url: `smtp://${HOST}:${address.port}`,
    stop: () => (stopping ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

async function catchMessage(stream: SMTPServerDataStream, session: SMTPServerSession, outboxDir: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) {
    throw Object.assign(new Error("Message exceeds the catcher's size limit"), { responseCode: 552 });
  }
  const parsed = await simpleParser(Buffer.concat(chunks));
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
  await writeOutboxItem(outboxDir, {
    kind: "email",
    from: parsed.from?.text ?? envelopeFrom,
    // The envelope, not the To header: it also lists Cc and Bcc recipients, as a real relay would.
    to: session.envelope.rcptTo.map((r) => r.address),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
  });
}
