import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OutboxEmail, OutboxItem, OutboxSms } from "./types";

// Used by two processes at once in development (the catcher inside `npm run dev`, the SMS driver
// inside `next dev`), so every item is its own file: no shared file to lock or interleave.

/** An item without the fields writeOutboxItem adds. */
export type NewOutboxItem = Omit<OutboxEmail, "id" | "receivedAt"> | Omit<OutboxSms, "id" | "receivedAt">;

/**
 * `<UTC time with ms>-<kind>-<id>.json`: the name sorts by time, so listing newest first needs no
 * file to be opened. Colons are avoided (not allowed in Windows file names).
 */
export function outboxFileName(item: Pick<OutboxItem, "receivedAt" | "kind" | "id">): string {
  const stamp = new Date(item.receivedAt).toISOString().replace(/[:.]/g, "-");
  return `${stamp}-${item.kind}-${item.id}.json`;
}

export async function writeOutboxItem(dir: string, fields: NewOutboxItem, now = new Date()): Promise<OutboxItem> {
  const item = { ...fields, id: randomUUID(), receivedAt: now.toISOString() } as OutboxItem;
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, outboxFileName(item));
  // Write then rename: a reader polling the directory never sees half a JSON file.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(item, null, 2) + "\n", { encoding: "utf8", mode: 0o600 });
  await rename(tmp, file);
  return item;
}
