import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listOutbox } from "./read";
import { writeOutboxItem } from "./write";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "prontivus-outbox-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const at = (iso: string) => new Date(iso);
const email = (subject: string) => ({ kind: "email" as const, from: "a@x.test", to: ["b@x.test"], subject, text: "t", html: null });

describe("listOutbox", () => {
  it("lists e-mail and SMS together, newest first, whatever order they were written in", async () => {
    await writeOutboxItem(dir, email("segundo"), at("2026-03-01T10:00:00.500Z"));
    await writeOutboxItem(dir, { kind: "sms", to: "+5511900000000", text: "terceiro" }, at("2026-03-01T10:00:01.000Z"));
    await writeOutboxItem(dir, email("primeiro"), at("2026-03-01T09:59:59.999Z"));
    await writeOutboxItem(dir, email("quarto"), at("2026-03-02T00:00:00.000Z"));

    const items = await listOutbox(dir);
    expect(items.map((i) => (i.kind === "email" ? i.subject : i.text))).toEqual(["quarto", "terceiro", "segundo", "primeiro"]);
    expect(items[1]).toMatchObject({ kind: "sms", receivedAt: "2026-03-01T10:00:01.000Z" });
    expect(new Set(items.map((i) => i.id)).size).toBe(4);
  });

  it("honours the limit", async () => {
    for (let s = 0; s < 5; s++) await writeOutboxItem(dir, email(`m${s}`), at(`2026-03-01T10:00:0${s}.000Z`));
    const items = await listOutbox(dir, { limit: 2 });
    expect(items.map((i) => i.kind === "email" && i.subject)).toEqual(["m4", "m3"]);
  });

  it("treats a missing directory as empty and skips files that are not outbox items", async () => {
    expect(await listOutbox(path.join(dir, "nope"))).toEqual([]);
    await writeFile(path.join(dir, "9999-junk.json"), "{not json");
    await writeFile(path.join(dir, "9998-other.json"), JSON.stringify({ kind: "fax" }));
    await writeFile(path.join(dir, "notes.txt"), "x");
    await writeOutboxItem(dir, email("ok"));
    expect((await listOutbox(dir)).map((i) => i.kind)).toEqual(["email"]);
  });
});
