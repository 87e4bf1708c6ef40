// Starts real PostgreSQL processes (~3 s for initdb, ~0.3 s per restart).
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-db";

const root = mkdtempSync(path.join(tmpdir(), "embedded-db-"));
chmodSync(root, 0o755); // as root, the OS user `postgres` must be able to enter it
const dataDir = path.join(root, "postgres");
const running: EmbeddedPostgres[] = [];

async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, "127.0.0.1");
  await new Promise((r) => srv.once("listening", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await Promise.all(running.map((db) => db.stop()));
  rmSync(root, { recursive: true, force: true });
});

describe("startEmbeddedPostgres", { timeout: 60_000 }, () => {
  it("initialises a cluster, creates the database and stops", async () => {
    const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "prontivus" });
    running.push(db);
    expect(db.initialised).toBe(true);
    const [row] = await query(db.url, "select version() v, current_database() d");
    expect(row.v).toMatch(/^PostgreSQL 17\./);
    expect(row.d).toBe("prontivus");
    await query(db.url, "create table kept(x int); insert into kept values (42)");
    await db.stop();
    await db.stop(); // idempotent
  });

  it("reuses the data directory on the next start", async () => {
    const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "prontivus" });
    running.push(db);
    expect(db.initialised).toBe(false);
    expect(await query(db.url, "select x from kept")).toEqual([{ x: 42 }]);
  });

  it("refuses a port that is taken, naming the variable to change", async () => {
    const srv = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => srv.once("listening", r));
    const { port } = srv.address() as net.AddressInfo;
    try {
      await expect(startEmbeddedPostgres({ dataDir: path.join(root, "other"), port })).rejects.toThrow(
        /already in use.*PRONTIVUS_DEV_DB_PORT/,
      );
    } finally {
      srv.close();
    }
  });
});
