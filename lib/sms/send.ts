import { env } from "../env";
import { writeOutboxItem } from "../outbox/write";

// Text messages go through a provider interface so a real gateway (Zenvia, Twilio…) can be added
// as one more driver. Today the only driver is "log": nothing leaves the machine.

export interface SmsProvider {
  send(to: string, text: string): Promise<void>;
}

/** "+55 11 98765-4321" → "+55*******4321": enough to tell messages apart in a log, no more. */
export function redactPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "*".repeat(digits.length);
  const country = phone.trim().startsWith("+") ? `+${digits.slice(0, 2)}` : "";
  return `${country}${"*".repeat(digits.length - 4 - (country ? 2 : 0))}${digits.slice(-4)}`;
}

/**
 * Logs one redacted line (never the text: it may hold a sign-in code or health information) and,
 * when an outbox directory is configured, keeps the whole message there for the outbox page.
 */
export function createLoggingSmsProvider(options: { outboxDir?: string; log?: (line: string) => void } = {}): SmsProvider {
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    async send(to, text) {
      if (options.outboxDir) await writeOutboxItem(options.outboxDir, { kind: "sms", to, text });
      log(`[sms:log] to=${redactPhone(to)} chars=${text.length}${options.outboxDir ? " (kept in the outbox)" : ""}`);
    },
  };
}

function provider(): SmsProvider {
  const { SMS_DRIVER, OUTBOX_DIR } = env();
  switch (SMS_DRIVER) {
    case "log":
      return createLoggingSmsProvider({ outboxDir: OUTBOX_DIR });
  }
}

export async function sendSms({ to, text }: { to: string; text: string }): Promise<void> {
  if (!/\d/.test(to)) throw new Error("sendSms: `to` must be a phone number.");
  await provider().send(to, text);
}
