import { z } from "zod";

// What the development outbox holds: one JSON file per e-mail caught by the local SMTP catcher
// (scripts/lib/smtp-catcher.ts) or per SMS "sent" by the logging driver (lib/sms/send.ts).
// Validated on read because the files sit on disk where anything could have written them.

export const OutboxEmail = z.object({
  kind: z.literal("email"),
  id: z.string(),
  /** ISO 8601 instant (UTC). */
  receivedAt: z.string(),
  from: z.string(),
  /** Envelope recipients, so Bcc shows up too. */
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
});
export type OutboxEmail = z.infer<typeof OutboxEmail>;

export const OutboxSms = z.object({
  kind: z.literal("sms"),
  id: z.string(),
  receivedAt: z.string(),
  to: z.string(),
  text: z.string(),
});
export type OutboxSms = z.infer<typeof OutboxSms>;

export const OutboxItem = z.discriminatedUnion("kind", [OutboxEmail, OutboxSms]);
export type OutboxItem = z.infer<typeof OutboxItem>;
