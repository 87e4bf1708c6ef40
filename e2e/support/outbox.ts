import { expect } from "@playwright/test";
import { listOutbox } from "../../lib/outbox/read";
import type { OutboxEmail, OutboxItem, OutboxSms } from "../../lib/outbox/types";
import { e2eEnv } from "./state";

// What the app under test "sent": e-mail caught by the catcher in e2e/support/server.ts and SMS
// kept by the logging driver, both in the run's OUTBOX_DIR. Waits poll (the send may finish just
// after the page says so) and fail with what the outbox does hold, never after a fixed sleep.

export type { OutboxEmail, OutboxSms };

type WaitOptions = {
  /** Only messages received at or after this instant: take `new Date()` before the action. */
  since?: Date;
  timeout?: number;
};

async function waitFor<T extends OutboxItem>(what: string, match: (item: OutboxItem) => item is T, options: WaitOptions): Promise<T> {
  const dir = e2eEnv().OUTBOX_DIR;
  if (!dir) throw new Error("OUTBOX_DIR is missing from the e2e state file (is e2e/support/server.ts running?)");
  const since = options.since?.getTime() ?? 0;
  let found: T | undefined;
  let seen: OutboxItem[] = [];
  try {
    await expect
      .poll(async () => {
        seen = (await listOutbox(dir, { limit: 200 })).filter((i) => Date.parse(i.receivedAt) >= since);
        found = seen.find(match);
        return found !== undefined;
      }, { message: `waiting for ${what}`, timeout: options.timeout ?? 10_000 })
      .toBe(true);
  } catch (error) {
    // Say what did arrive: usually the wrong address or subject, not a missing send.
    throw new Error(`No ${what} arrived; the outbox holds:\n${seen.map(describe).join("\n") || "  (nothing)"}`, { cause: error });
  }
  return found!;
}

function describe(item: OutboxItem): string {
  return item.kind === "email" ? `  e-mail to ${item.to.join(", ")}: ${item.subject}` : `  SMS to ${item.to}: ${item.text.slice(0, 40)}`;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const digits = (phone: string) => phone.replace(/\D/g, "");

/** The newest e-mail to `to` (and whose subject includes `subjectIncludes`, if given). */
export function waitForMail(to: string, options: WaitOptions & { subjectIncludes?: string } = {}): Promise<OutboxEmail> {
  const subject = options.subjectIncludes;
  return waitFor(
    `an e-mail to ${to}${subject ? ` with "${subject}" in the subject` : ""}`,
    (i): i is OutboxEmail => i.kind === "email" && i.to.some((r) => sameAddress(r, to)) && (!subject || i.subject.includes(subject)),
    options,
  );
}

/** The newest SMS to `to` (compared by digits, so "+55 (11) 9…" matches "55119…"). */
export function waitForSms(to: string, options: WaitOptions & { textIncludes?: string } = {}): Promise<OutboxSms> {
  const text = options.textIncludes;
  return waitFor(
    `an SMS to ${to}${text ? ` containing "${text}"` : ""}`,
    (i): i is OutboxSms => i.kind === "sms" && digits(i.to) === digits(to) && (!text || i.text.includes(text)),
    options,
  );
}

/** The first http(s) URL in the message's text that matches `pattern` (e.g. /\/redefinir-senha\?/). */
export function extractLink(message: Pick<OutboxItem, "text">, pattern: RegExp | string = /./): string {
  const urls = message.text.match(/https?:\/\/[^\s<>"')]+/g) ?? [];
  const link = urls.find((u) => (typeof pattern === "string" ? u.includes(pattern) : pattern.test(u)));
  if (!link) throw new Error(`No link matching ${String(pattern)} in:\n${message.text}`);
  return link;
}
