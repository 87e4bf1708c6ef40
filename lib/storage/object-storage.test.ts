// One contract suite, run against both drivers: the local-disk driver on a temporary directory
// and the S3 driver against a real S3-compatible server (s3rver, in process, on a free port,
// bucket created through the S3 API itself). A driver that passes here is interchangeable.
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "./local-storage";
import { readAll, StorageKeyError, StorageNotFoundError, type ObjectStorage } from "./object-storage";
import { S3Storage } from "./s3-storage";

type Driver = { name: string; setUp: () => Promise<{ storage: ObjectStorage; tearDown: () => Promise<void> }> };

const local: Driver = {
  name: "local disk",
  setUp: async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "prontivus-storage-"));
    return { storage: new LocalDiskStorage(dir), tearDown: () => rm(dir, { recursive: true, force: true }) };
  },
};

const s3: Driver = {
  name: "S3 (s3rver)",
  setUp: async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "prontivus-s3rver-"));
    const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir });
    const { port } = await server.run();
    const bucket = `attachments-${randomBytes(4).toString("hex")}`;
    const storage = new S3Storage({
      bucket, region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    await storage.client.send(new CreateBucketCommand({ Bucket: bucket }));
    return {
      storage,
      tearDown: async () => {
        storage.client.destroy();
        await server.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const key = () => `${randomBytes(1).toString("hex")}/${randomBytes(16).toString("hex")}`;

describe.each([local, s3])("object storage contract: $name", (driver) => {
  let storage: ObjectStorage;
  let tearDown: () => Promise<void>;
  beforeAll(async () => ({ storage, tearDown } = await driver.setUp()));
  afterAll(async () => tearDown());

  it("stores bytes and gives the same bytes back", async () => {
    const k = key();
    const bytes = randomBytes(70_000);
    expect(await storage.exists(k)).toBe(false);
    await storage.put(k, bytes);
    expect(await storage.exists(k)).toBe(true);
    expect((await readAll(await storage.get(k))).equals(bytes)).toBe(true);
  });

  it("accepts a stream, with or without its length", async () => {
    const bytes = randomBytes(300_000);
    const [k1, k2] = [key(), key()];
    await storage.put(k1, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    await storage.put(k2, Readable.from([bytes]), { contentLength: bytes.length });
    for (const k of [k1, k2]) expect((await readAll(await storage.get(k))).equals(bytes)).toBe(true);
  });

  it("replaces an object written twice under one key", async () => {
    const k = key();
    await storage.put(k, Buffer.from("first version"));
    await storage.put(k, Buffer.from("second"));
    expect((await readAll(await storage.get(k))).toString()).toBe("second");
  });

  it("stores an empty object", async () => {
    const k = key();
    await storage.put(k, Buffer.alloc(0));
    expect((await readAll(await storage.get(k))).length).toBe(0);
  });

  it("deletes, and deleting twice or an absent key is fine", async () => {
    const k = key();
    await storage.put(k, Buffer.from("to be deleted"));
    await storage.delete(k);
    expect(await storage.exists(k)).toBe(false);
    await expect(storage.delete(k)).resolves.toBeUndefined();
    await expect(storage.delete(key())).resolves.toBeUndefined();
  });

  it("answers StorageNotFoundError for a missing object", async () => {
    await expect(storage.get(key())).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("refuses keys that could escape or be misread", async () => {
    for (const bad of ["../etc/passwd", "/abs", "a//b", "a/../b", "A", "a b", "a\\b", "", "a/", "x".repeat(201), "a%2fb"]) {
      await expect(storage.put(bad, Buffer.from("x")), bad).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.get(bad), bad).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.exists(bad), bad).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.delete(bad), bad).rejects.toBeInstanceOf(StorageKeyError);
    }
  });

  it("keeps objects apart: one key never reads another's bytes", async () => {
    const entries = Array.from({ length: 5 }, () => [key(), randomBytes(512)] as const);
    for (const [k, b] of entries) await storage.put(k, b);
    for (const [k, b] of entries) expect((await readAll(await storage.get(k))).equals(b)).toBe(true);
  });
});

describe("local disk driver", () => {
  it("leaves no temporary file behind and keeps files private to the app's user", async () => {
    const { storage, tearDown } = await local.setUp();
    try {
      const dir = (storage as unknown as { root: string }).root;
      await storage.put("ab/cdef", Buffer.from("bytes"));
      expect(await readdir(path.join(dir, "ab"))).toEqual(["cdef"]);
      expect((await stat(path.join(dir, "ab", "cdef"))).mode & 0o777).toBe(0o600);
    } finally {
      await tearDown();
    }
  });
});
