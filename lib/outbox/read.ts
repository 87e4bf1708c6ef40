import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { OutboxItem } from "./types";

export type { OutboxEmail, OutboxItem, OutboxSms } from "./types";

/**
 * The newest `limit` items of the outbox in `dir`, e-mail and SMS together, newest first.
 * A missing directory is an empty outbox; files that are not outbox items are skipped (the
 * outbox is a debugging aid: one stray file must not hide the rest).
 */
export async function listOutbox(dir: string, { limit = 100 }: { limit?: number } = {}): Promise<OutboxItem[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  // File names start with the UTC time (lib/outbox/write.ts), so a reverse sort is newest first.
  const newest = names.filter((n) => n.endsWith(".json")).sort().reverse();
  const items: OutboxItem[] = [];
  for (const name of newest) {
    if (items.length >= limit) break;
    const item = await readItem(path.join(dir, name));
    if (item) items.push(item);
  }
  return items;
}

async function readItem(file: string): Promise<OutboxItem | undefined> {
  try {
    const parsed = OutboxItem.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // removed between readdir and readFile, or not JSON
  }
}
