// Attachments over real HTTP (route handlers behind a node:http server that does what proxy.ts
// does), on the real database as the app role, with the local-disk driver in a temporary
// directory: what a doctor, a secretary, another clinic and an attacker with a renamed file see,
// what lands on disk, and what is logged. Every refusal is checked to have written nothing.
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { CreateBucketCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { accessTokenFor } from "@/lib/api/testing";
import { resetStorage, storage } from "@/lib/storage/config";
import { readAll } from "@/lib/storage/object-storage";
import type { S3Storage } from "@/lib/storage/s3-storage";
import { createMedicalRecord, exeFile, htmlFile, jpegFile, pdfFile, pngFile } from "@/lib/testing/attachment-fixtures";
import { asOwner, closeOwnerPool, withOwnerClient, createPatient, createTenant, createUser, type TestPatient, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { httpCall, startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { GET as download } from "@/app/api/v1/attachments/[id]/route";
import { GET as list, POST as upload } from "@/app/api/v1/medical-records/[id]/attachments/route";
import type { AttachmentDto, AttachmentErrorBody } from "./schemas";

let server: RouteServer;
let dir: string;
let clinic: TestTenant;
let other: TestTenant;
let author: TestUser;
let patient: TestPatient;
const tokens: Record<"author" | "colleague" | "secretary" | "finance" | "admin" | "patient" | "outsider", string> = {} as never;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "prontivus-attachments-"));
  Object.assign(process.env, { STORAGE_DRIVER: "local", STORAGE_DIR: dir });
  resetEnvCache();
  resetStorage();
  const noTwoFactor = { security: { twoFactorRequiredRoles: [] } };
  [clinic, other] = await Promise.all([
    createTenant({ settings: { ...noTwoFactor, attachments: { maxFileMegabytes: 1 } } }), createTenant({ settings: noTwoFactor }),
  ]);
  const roles = [["author", "doctor"], ["colleague", "doctor"], ["secretary", "secretary"], ["finance", "finance"], ["admin", "admin"], ["patient", "patient"]] as const;
  for (const [name, role] of roles) {
    const user = await createUser(clinic, { roles: [role] });
    if (name === "author") author = user;
    tokens[name] = await accessTokenFor(clinic, user);
  }
  tokens.outsider = await accessTokenFor(other, await createUser(other, { roles: ["doctor"] }));
  patient = await createPatient(clinic);
  server = await startRouteServer([
    { method: "POST", pattern: new RegExp(`^/api/v1/medical-records/(?<id>[^/]+)/attachments$`), handler: upload },
    { method: "GET", pattern: new RegExp(`^/api/v1/medical-records/(?<id>[^/]+)/attachments$`), handler: list },
    { method: "GET", pattern: /^\/api\/v1\/attachments\/(?<id>[^/]+)$/, handler: download },
  ]);
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const hostOf = (t: TestTenant) => `${t.slug}.localhost:3000`;
type Who = keyof typeof tokens;

function send(recordId: string, body: Buffer | Buffer[], name: string, who: Who = "author", headers: Record<string, string> = {}) {
  return httpCall(server.port, {
    host: hostOf(who === "outsider" ? other : clinic), path: `/api/v1/medical-records/${recordId}/attachments`, body,
    headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name), ...headers },
  });
}
const get = (p: string, who: Who = "author") =>
  httpCall(server.port, { host: hostOf(who === "outsider" ? other : clinic), path: p, headers: { authorization: `Bearer ${tokens[who]}` } });
const json = <T>(answer: { body: Buffer }) => JSON.parse(answer.body.toString("utf8")) as T;

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Everything an upload could have left behind: rows, audit rows, access logs, files on disk. */
async function footprint() {
  const [counts] = await asOwner<{ attachments: number; audits: number; reads: number }>(
    `SELECT (SELECT count(*)::int FROM medical_record_attachments WHERE tenant_id = $1) AS attachments,
            (SELECT count(*)::int FROM audit_logs WHERE tenant_id = $1 AND action LIKE 'medical_record.attachment%') AS audits,
            (SELECT count(*)::int FROM data_access_logs WHERE tenant_id = $1) AS reads`, [clinic.id]);
  return { ...counts!, files: (await storedFiles()).length };
}

const accessLogs = (entityId: string) => asOwner<{ user_id: string; patient_id: string; data_type: string; action: string; purpose: string; legal_basis: string }>(
  "SELECT user_id, patient_id, data_type, action::text, purpose, legal_basis::text FROM data_access_logs WHERE tenant_id = $1 AND entity_id = $2", [clinic.id, entityId]);

describe("upload, list and download", () => {
  it("stores a PDF encrypted under an opaque key, lists it and gives the same bytes back, logging each read", async () => {
    const recordId = await createMedicalRecord(clinic, { patient, doctor: author });
    const marker = `Laudo de ${patient.fullName} ${randomUUID()}`;
    const file = pdfFile(marker);
    const res = await send(recordId, file, "Hemograma março – Joana.pdf");
    expect(res.status).toBe(201);
    const created = json<AttachmentDto>(res);
    expect(created).toMatchObject({ fileName: "Hemograma março – Joana.pdf", mimeType: "application/pdf", sizeBytes: file.length, uploadedBy: author.id });
    expect(res.headers.location).toBe(`/api/v1/attachments/${created.id}`);

    const [row] = await asOwner<{ storage_key: string; file_name_enc: string; sha256: string; encryption_key_id: string; data_key_enc: string }>(
      "SELECT storage_key, file_name_enc, sha256, encryption_key_id, data_key_enc FROM medical_record_attachments WHERE tenant_id = $1 AND id = $2", [clinic.id, created.id]);
    expect(row!.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(row!.storage_key).not.toContain(patient.id);
    expect(row!.file_name_enc).toMatch(/^enc:v1:v1:/);
    expect(row!.encryption_key_id).toBe("v1");
    const onDisk = await readFile(path.join(dir, row!.storage_key));
    expect(onDisk.equals(file)).toBe(false);
    expect(onDisk.includes(Buffer.from(marker))).toBe(false);
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);

    const [audit] = await asOwner<{ metadata: Record<string, unknown> }>(
      "SELECT metadata FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2 AND action = 'medical_record.attachment_added'", [clinic.id, created.id]);
    expect(audit!.metadata).toEqual({ medicalRecordId: recordId, patientId: patient.id, mimeType: "application/pdf", sizeBytes: file.length, encryptionKeyId: "v1" });
    expect(JSON.stringify(audit)).not.toMatch(/Hemograma|Joana/);

    const listed = await get(`/api/v1/medical-records/${recordId}/attachments`);
    expect(listed.status).toBe(200);
    expect(json<{ data: AttachmentDto[] }>(listed).data).toEqual([created]);
    expect(await accessLogs(recordId)).toEqual([{
      user_id: author.id, patient_id: patient.id, data_type: "medical_record_attachments", action: "VIEW", purpose: "tutela da saúde", legal_basis: "HEALTH_PROTECTION",
    }]);

    const got = await get(created.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.body.equals(file)).toBe(true);
    expect(got.headers).toMatchObject({
      "content-type": "application/pdf", "x-content-type-options": "nosniff", "content-length": String(file.length),
      "content-disposition": `attachment; filename="Hemograma marco _ Joana.pdf"; filename*=UTF-8''Hemograma%20mar%C3%A7o%20%E2%80%93%20Joana.pdf`,
      "content-security-policy": "sandbox; default-src 'none'", "cache-control": "private, no-store",
    });
    expect(await accessLogs(created.id)).toEqual([expect.objectContaining({ user_id: author.id, patient_id: patient.id, data_type: "medical_record_attachment", action: "EXPORT" })]);
  });

  it("accepts PNG and JPEG by their bytes and names them by the detected type", async () => {
    const recordId = await createMedicalRecord(clinic, { patient, doctor: author });
    const png = await send(recordId, pngFile("pele"), "lesão");
    const jpeg = await send(recordId, [jpegFile("raio").subarray(0, 50), jpegFile("raio").subarray(50)], "raio-x.pdf");
    expect(png.status).toBe(201);
    expect(jpeg.status).toBe(201);
    expect(json<AttachmentDto>(png)).toMatchObject({ fileName: "lesão.png", mimeType: "image/png" });
    expect(json<AttachmentDto>(jpeg)).toMatchObject({ fileName: "raio-x.pdf.jpg", mimeType: "image/jpeg" });
    const got = await get(json<AttachmentDto>(png).downloadUrl);
    expect(got.headers["content-type"]).toBe("image/png");
    expect(got.body.equals(pngFile("pele"))).toBe(true);
  });
});

describe("refusals write nothing", () => {
  const refused = async (answer: Promise<{ status: number; body: Buffer }>, status: number, reason: string) => {
    const before = await footprint();
    const res = await answer;
    expect(res.status).toBe(status);
    expect(json<AttachmentErrorBody>(res).error.reason).toBe(reason);
    expect(await footprint()).toEqual(before);
    return json<AttachmentErrorBody>(res);
  };

  it("refuses an .exe renamed .pdf, HTML renamed .png, text and an empty file, whatever the content type claims", async () => {
    const recordId = await createMedicalRecord(clinic, { patient, doctor: author });
    const body = await refused(send(recordId, exeFile("MZ payload"), "laudo.pdf", "author", { "content-type": "application/pdf" }), 400, "type_not_allowed");
    expect(body.error).toMatchObject({ code: "validation", message: expect.stringContaining("PDF, JPEG ou PNG") });
    await refused(send(recordId, htmlFile("xss"), "foto.png", "author", { "content-type": "image/png" }), 400, "type_not_allowed");
    await refused(send(recordId, Buffer.from("Paciente relata dor"), "nota.pdf"), 400, "type_not_allowed");
    await refused(send(recordId, Buffer.alloc(0), "vazio.pdf"), 400, "empty");
  });

  it("refuses a file over the clinic's limit, declared or streamed without a length", async () => {
    const recordId = await createMedicalRecord(clinic, { patient, doctor: author });
    const big = Buffer.concat([pdfFile("grande"), Buffer.alloc(1024 * 1024)]);
    const declared = await refused(send(recordId, big, "grande.pdf"), 400, "too_large");
    expect(declared.error.params).toEqual({ maxMegabytes: 1 });
    expect(declared.error.message).toContain("1 MB");
    const chunks = Array.from({ length: 20 }, (_, i) => (i === 0 ? pdfFile("fluxo") : Buffer.alloc(64 * 1024)));
    await refused(send(recordId, chunks, "fluxo.pdf"), 400, "too_large");
    const exact = await send(recordId, Buffer.concat([pdfFile("exato"), Buffer.alloc(1024 * 1024 - pdfFile("exato").length)]), "exato.pdf");
    expect(exact.status).toBe(201);
  });

  it("refuses a signed record (409), a colleague's draft (403), secretary, finance, admin and patient (403), and another clinic (404)", async () => {
    const signed = await createMedicalRecord(clinic, { patient, doctor: author, status: "SIGNED" });
    const draft = await createMedicalRecord(clinic, { patient, doctor: author });
    const file = pdfFile("tentativa");
    const conflict = await refused(send(signed, file, "a.pdf"), 409, "record_signed");
    expect(conflict.error.code).toBe("conflict");
    await refused(send(draft, file, "a.pdf", "colleague"), 403, "not_author");
    for (const who of ["secretary", "finance", "admin", "patient"] as const) {
      const before = await footprint();
      expect((await send(draft, file, "a.pdf", who)).status).toBe(403);
      expect(await footprint()).toEqual(before);
    }
    const before = await footprint();
    for (const id of [draft, randomUUID(), "not-a-uuid"]) expect((await send(id, file, "a.pdf", "outsider")).status).toBe(404);
    expect(await footprint()).toEqual(before);
  });

  it("a signature committed while the upload is in flight wins: the upload is refused and its object removed", async () => {
    const recordId = await createMedicalRecord(clinic, { patient, doctor: author });
    const before = await footprint();
    await withOwnerClient(async (signer) => {
      await signer.query("BEGIN");
      await signer.query("UPDATE medical_records SET status = 'SIGNED', signed_at = now(), signed_by = doctor_id WHERE tenant_id = $1 AND id = $2", [clinic.id, recordId]);
      const upload = send(recordId, pdfFile("corrida"), "corrida.pdf");
      // The upload's second transaction locks the record FOR SHARE and must wait for the signature.
      for (let tries = 0; ; tries++) {
        const [waiting] = await asOwner<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = 'prontivus_app' AND wait_event_type = 'Lock' AND query LIKE '%FROM medical_records%FOR SHARE%'");
        if (waiting!.n > 0) break;
        if (tries > 500) throw new Error("the upload never waited for the record lock");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await footprint()).files).toBe(before.files + 1); // the object is in storage, not yet a row
      await signer.query("COMMIT");
      const res = await upload;
      expect(res.status).toBe(409);
      expect(json<AttachmentErrorBody>(res).error.reason).toBe("record_signed");
    });
    expect(await footprint()).toEqual(before);
  });

  it("the database itself refuses an attachment on a signed record, even from the owner role", async () => {
    const signed = await createMedicalRecord(clinic, { patient, doctor: author, status: "SIGNED" });
    await expect(asOwner(
      `INSERT INTO medical_record_attachments (id, tenant_id, medical_record_id, file_name_enc, mime_type, size_bytes, storage_key, sha256, data_key_enc, encryption_key_id, uploaded_by)
       VALUES ($1, $2, $3, 'x', 'application/pdf', 1, $4, 'x', 'x', 'v1', $5)`,
      [randomUUID(), clinic.id, signed, `aa/${randomUUID().replace(/-/g, "")}`, author.id],
    )).rejects.toThrow(/is signed/);
  });
});

describe("reads: who may, and what is logged", () => {
  let recordId: string;
  let attachment: AttachmentDto;
  beforeAll(async () => {
    recordId = await createMedicalRecord(clinic, { patient, doctor: author });
    attachment = json<AttachmentDto>(await send(recordId, pdfFile("leitura"), "leitura.pdf"));
  });

  it("lets another doctor of the clinic read and download (records:read), logging each read", async () => {
    expect((await get(`/api/v1/medical-records/${recordId}/attachments`, "colleague")).status).toBe(200);
    expect((await get(attachment.downloadUrl, "colleague")).status).toBe(200);
    expect((await accessLogs(attachment.id)).length).toBe(1);
  });

  it("refuses secretary, finance, admin and patient (403) and another clinic (404), logging no read", async () => {
    const before = await footprint();
    for (const who of ["secretary", "finance", "admin", "patient"] as const) {
      expect((await get(`/api/v1/medical-records/${recordId}/attachments`, who)).status).toBe(403);
      expect((await get(attachment.downloadUrl, who)).status).toBe(403);
    }
    for (const p of [`/api/v1/medical-records/${recordId}/attachments`, attachment.downloadUrl, `/api/v1/attachments/${randomUUID()}`, "/api/v1/attachments/zzz"]) {
      const res = await get(p, "outsider");
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain("leitura");
    }
    expect(await footprint()).toEqual(before);
  });

  it("never serves a stored object that was altered", async () => {
    const [row] = await asOwner<{ storage_key: string }>("SELECT storage_key FROM medical_record_attachments WHERE tenant_id = $1 AND id = $2", [clinic.id, attachment.id]);
    const file = path.join(dir, row!.storage_key);
    const bytes = await readFile(file);
    bytes[bytes.length - 20]! ^= 0xff;
    await writeFile(file, bytes);
    const res = await get(attachment.downloadUrl);
    expect(res.status).toBe(500);
    expect(json<AttachmentErrorBody>(res).error).toMatchObject({ reason: "integrity_failed", message: expect.stringContaining("não confere") });
    expect(res.body.includes(Buffer.from("leitura"))).toBe(false);
  });
});

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
    const recordId = await createMedicalRecord(clinic, { patient, doctor: author });
    const marker = `Exame no bucket ${randomUUID()}`;
    const file = jpegFile(marker);
    const res = await send(recordId, file, "exame.jpg");
    expect(res.status).toBe(201);
    const created = json<AttachmentDto>(res);
    const [row] = await asOwner<{ storage_key: string }>("SELECT storage_key FROM medical_record_attachments WHERE tenant_id = $1 AND id = $2", [clinic.id, created.id]);
    const object = await (storage() as S3Storage).client.send(new GetObjectCommand({ Bucket: "prontivus-attachments", Key: row!.storage_key }));
    const stored = await readAll(object.Body as Readable);
    expect(stored.length).toBe(file.length + 32);
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    const got = await get(created.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.body.equals(file)).toBe(true);
    expect(await accessLogs(created.id)).toEqual([expect.objectContaining({ action: "EXPORT", user_id: author.id })]);
  });
});
