import { notFound } from "next/navigation";
import { connection } from "next/server";
import { OutboxView } from "@/components/dev/outbox-view";
import { devOutboxDir } from "@/lib/outbox/enabled";
import { listOutbox } from "@/lib/outbox/read";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("devOutbox");

const LIMIT = 100;

// Development only: 404 in production and whenever no outbox directory is configured.
export default async function DevOutboxPage() {
  await connection(); // the environment and the directory are read per request, never at build
  const dir = devOutboxDir();
  if (!dir) notFound();
  return <OutboxView items={await listOutbox(dir, { limit: LIMIT })} limit={LIMIT} />;
}
