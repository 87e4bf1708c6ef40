import { Readable } from "node:stream";

// Where attachment bytes live: a flat key → bytes store with two drivers (local disk and
// S3-compatible object storage), chosen by configuration (lib/storage/config.ts). Callers hand
// it ciphertext only (lib/ehr/attachments/crypto.ts) under opaque random keys, so neither a
// driver nor whoever can read the bucket learns a patient, a file name or a byte of content.

export type StorageBody = Buffer | Uint8Array | Readable;

export interface ObjectStorage {
  /** Stores the bytes under `key`, replacing any previous object (writes are all-or-nothing). */
  put(key: string, body: StorageBody, options?: { contentLength?: number }): Promise<void>;
  /** A stream of the object's bytes; throws StorageNotFoundError when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing an absent key is not an error (deletes are retried). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class StorageNotFoundError extends Error {
  override name = "StorageNotFoundError";
  constructor(readonly key: string) {
    super(`no stored object under key "${key}"`);
  }
}

export class StorageKeyError extends Error {
  override name = "StorageKeyError";
}

// Lower-case letters, digits, '-', '_' and single '/' separators: safe as a path below the
// local directory (no '..', no absolute path, no backslash) and as an S3 key without escaping.
const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/;

/** Refuses a key a driver could misread (path traversal, odd characters, too long). */
export function assertStorageKey(key: string): void {
  if (typeof key !== "string" || key.length > 200 || !KEY.test(key)) {
    throw new StorageKeyError("invalid storage key");
  }
}

/** Reads a whole stream into memory (for callers that must authenticate bytes before use). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
