import { env } from "../env";

/**
 * The outbox directory when the development outbox page may be shown, otherwise undefined.
 * Never in production, where it would publish every message sent (reset links, codes), except
 * that the e2e suite runs the production build and sets ENABLE_DEV_OUTBOX=1 to inspect mail.
 */
export function devOutboxDir(): string | undefined {
  const { NODE_ENV, OUTBOX_DIR, ENABLE_DEV_OUTBOX } = env();
  if (!OUTBOX_DIR) return undefined;
  const forced = ENABLE_DEV_OUTBOX === "1";
  return NODE_ENV !== "production" || forced ? OUTBOX_DIR : undefined;
}
