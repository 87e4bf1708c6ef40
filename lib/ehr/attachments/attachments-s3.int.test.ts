// The upload → download path with the S3 driver against a real S3-compatible server (s3rver,
// in process, on a free port; bucket created through the S3 API): the object in the bucket is
// ciphertext, the download gives the file back and is logged.
import { CreateBucketCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetStorage, storage } from "@/lib/storage/config";
import { readAll } from "@/lib/storage/object-storage";
import type { S3Storage } from "@/lib/storage/s3-storage";
import { createMedicalRecord, jpegFile } from "@/lib/testing/attachment-fixtures";
import { asOwner } from "@/lib/testing/factories";
import type { AttachmentDto } from "./schemas";
import { bodyJson, startAttachmentApi, type AttachmentApi } from "./testing";

let api: AttachmentApi;
beforeAll(async () => {
  api = await startAttachmentApi();
});
afterAll(async () => api?.stop());

describe("with the S3 driver (a real s3rver on a free port)", () => {
  let s3dir: string;
  let s3: S3rver;
  beforeAll(async () => {
    s3dir = await mkdtemp(path.join(tmpdir(), "prontivus-s3rver-"));
    s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3dir });
    const { port } = await s3.run();
    Object.assign(process.env, {
      STORAGE_DRIVER: "s3", S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: "prontivus-attachments", S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER", S3_FORCE_PATH_STYLE: "1",
    });
    resetEnvCache();
    resetStorage();
    await (storage() as S3Storage).client.send(new CreateBucketCommand({ Bucket: "prontivus-attachments" }));
  });
  afterAll(async () => {
    (storage() as S3Storage).client.destroy();
    Object.assign(process.env, { STORAGE_DRIVER: "local" });
    resetEnvCache();
    resetStorage();
    await s3.close();
    await rm(s3dir, { recursive: true, force: true });
  });

  it("uploads into the bucket as ciphertext and downloads the same bytes, logged", async () => {
    const recordId = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author });
    const marker = `Exame no bucket ${randomUUID()}`;
    const file = jpegFile(marker);
    const res = await api.send(recordId, file, "exame.jpg");
    expect(res.status).toBe(201);
    const created = bodyJson<AttachmentDto>(res);
    const [row] = await asOwner<{ storage_key: string }>("SELECT storage_key FROM medical_record_attachments WHERE tenant_id = $1 AND id = $2", [api.clinic.id, created.id]);
    const object = await (storage() as S3Storage).client.send(new GetObjectCommand({ Bucket: "prontivus-attachments", Key: row!.storage_key }));
    const stored = await readAll(object.Body as Readable);
    expect(stored.length).toBe(file.length + 32);
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    const got = await api.get(created.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.body.equals(file)).toBe(true);
    expect(await api.accessLogs(created.id)).toEqual([expect.objectContaining({ action: "EXPORT", user_id: api.author.id })]);
  });
});
