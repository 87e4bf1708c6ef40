import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { assertStorageKey, readAll, StorageNotFoundError, type ObjectStorage, type StorageBody } from "./object-storage";

// S3-compatible driver (AWS S3, MinIO, Ceph RGW, Cloudflare R2, Backblaze B2…). Objects are
// written with server-side encryption left to the bucket's policy: the bytes are already
// AES-256-GCM ciphertext when they get here. Path-style addressing is what most self-hosted
// servers need (`http://host:port/bucket/key`); AWS itself prefers virtual-hosted style.

export type S3StorageOptions = {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Omitted: the SDK's default chain (environment, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export class S3Storage implements ObjectStorage {
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    const config: S3ClientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Some S3-compatible servers reject the SDK's newer default CRC32 trailers.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    };
    this.client = new S3Client(config);
    this.bucket = options.bucket;
  }

  async put(key: string, body: StorageBody, options: { contentLength?: number } = {}): Promise<void> {
    assertStorageKey(key);
    // A stream of unknown length cannot be sent as one signed PUT: buffer it (attachments are
    // bounded by the clinic's size limit before they get here).
    const payload = body instanceof Readable && options.contentLength === undefined ? await readAll(body) : body;
    await this.client.send(new PutObjectCommand({
      Bucket: this.bucket, Key: key, Body: payload, ContentType: "application/octet-stream",
      ...(options.contentLength !== undefined ? { ContentLength: options.contentLength } : {}),
    }));
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(out.Body instanceof Readable)) throw new Error("S3 GetObject returned no Node stream");
      return out.Body;
    } catch (error) {
      if (isNotFound(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
}
