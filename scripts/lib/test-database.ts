// The throwaway PostgreSQL server of one `npm test` run (scripts/test.ts): embedded PostgreSQL
// 17, superuser with a random password (scram-sha-256), a free loopback port, and a temporary
// directory that stop() deletes.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-db";

export interface TestDatabaseServer {
  /** Superuser URL of the `postgres` database, password included: what TEST_DATABASE_URL takes. */
  url: string;
  dir: string;
  /** Settles when the server process ends, stopped or not. */
  exited: Promise<void>;
  /** Stops the server and deletes its directory; idempotent. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startTestDatabase(opts: { onLog?: (line: string) => void } = {}): Promise<TestDatabaseServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "prontivus-test-db-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let server: EmbeddedPostgres;
  try {
    // As root, PostgreSQL runs as the OS user `postgres`, which must be able to enter this dir.
    chmodSync(dir, 0o711);
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: await freePort(), onLog: opts.onLog });
  } catch (e) {
    remove();
    throw e;
  }
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= server.stop().finally(remove));
  return { url: server.url, dir, exited: server.exited, stop };
}
