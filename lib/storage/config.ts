import path from "node:path";
import { env, type Env } from "@/lib/env";
import { LocalDiskStorage } from "./local-storage";
import type { ObjectStorage } from "./object-storage";
import { S3Storage } from "./s3-storage";

// The configured driver, built once per process from lib/env.ts (STORAGE_DRIVER and friends;
// README "Configuration"). Tests that switch drivers or directories call resetStorage().

let instance: ObjectStorage | undefined;

export function storageFromEnv(e: Env): ObjectStorage {
  if (e.STORAGE_DRIVER === "s3") {
    if (!e.S3_BUCKET) throw new Error("STORAGE_DRIVER=s3 needs S3_BUCKET (README, Configuration).");
    const credentials = e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
      : undefined;
    return new S3Storage({
      bucket: e.S3_BUCKET, region: e.S3_REGION, endpoint: e.S3_ENDPOINT,
      forcePathStyle: e.S3_FORCE_PATH_STYLE === "1", credentials,
    });
  }
  return new LocalDiskStorage(e.STORAGE_DIR ?? path.join(process.cwd(), ".data", "attachments"));
}

export function storage(): ObjectStorage {
  instance ??= storageFromEnv(env());
  return instance;
}

/** For tests that change the storage configuration between files. */
export function resetStorage(): void {
  instance = undefined;
}
