// Attachments over real HTTP (route handlers behind a node:http server that does what proxy.ts
// does), on the real database as the app role, with the local-disk driver in a temporary
// directory: what a doctor, a colleague, other roles and another clinic see, what lands on disk,
// and what every read logs.
import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMedicalRecord, jpegFile, pdfFile, pngFile } from "@/lib/testing/attachment-fixtures";
import { asOwner } from "@/lib/testing/factories";
import type { AttachmentDto, AttachmentErrorBody } from "./schemas";
import { bodyJson, startAttachmentApi, type AttachmentApi } from "./testing";

let api: AttachmentApi;
beforeAll(async () => {
  api = await startAttachmentApi();
});
afterAll(async () => api?.stop());

describe("upload, list and download", () => {
  it("stores a PDF encrypted under an opaque key, lists it and gives the same bytes back, logging each read", async () => {
    const recordId = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author });
    const marker = `Laudo de ${api.patient.fullName} ${randomUUID()}`;
    const file = pdfFile(marker);
    const res = await api.send(recordId, file, "Hemograma março – Joana.pdf");
    expect(res.status).toBe(201);
    const created = bodyJson<AttachmentDto>(res);
    expect(created).toMatchObject({ fileName: "Hemograma março – Joana.pdf", mimeType: "application/pdf", sizeBytes: file.length, uploadedBy: api.author.id });
    expect(res.headers.location).toBe(`/api/v1/attachments/${created.id}`);

    const [row] = await asOwner<{ storage_key: string; file_name_enc: string; sha256: string; encryption_key_id: string; data_key_enc: string }>(
      "SELECT storage_key, file_name_enc, sha256, encryption_key_id, data_key_enc FROM medical_record_attachments WHERE tenant_id = $1 AND id = $2", [api.clinic.id, created.id]);
    expect(row!.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(row!.storage_key).not.toContain(api.patient.id);
    expect(row!.file_name_enc).toMatch(/^enc:v1:v1:/);
    expect(row!.encryption_key_id).toBe("v1");
    const onDisk = await readFile(path.join(api.dir, row!.storage_key));
    expect(onDisk.equals(file)).toBe(false);
    expect(onDisk.includes(Buffer.from(marker))).toBe(false);
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);

    const [audit] = await asOwner<{ metadata: Record<string, unknown> }>(
      "SELECT metadata FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2 AND action = 'medical_record.attachment_added'", [api.clinic.id, created.id]);
    expect(audit!.metadata).toEqual({ medicalRecordId: recordId, patientId: api.patient.id, mimeType: "application/pdf", sizeBytes: file.length, encryptionKeyId: "v1" });
    expect(JSON.stringify(audit)).not.toMatch(/Hemograma|Joana/);

    const listed = await api.get(`/api/v1/medical-records/${recordId}/attachments`);
    expect(listed.status).toBe(200);
    expect(bodyJson<{ data: AttachmentDto[] }>(listed).data).toEqual([created]);
    expect(await api.accessLogs(recordId)).toEqual([{
      user_id: api.author.id, patient_id: api.patient.id, data_type: "medical_record_attachments", action: "VIEW", purpose: "tutela da saúde", legal_basis: "HEALTH_PROTECTION",
    }]);

    const got = await api.get(created.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.body.equals(file)).toBe(true);
    expect(got.headers).toMatchObject({
      "content-type": "application/pdf", "x-content-type-options": "nosniff", "content-length": String(file.length),
      "content-disposition": `attachment; filename="Hemograma marco _ Joana.pdf"; filename*=UTF-8''Hemograma%20mar%C3%A7o%20%E2%80%93%20Joana.pdf`,
      "content-security-policy": "sandbox; default-src 'none'", "cache-control": "private, no-store",
    });
    expect(await api.accessLogs(created.id)).toEqual([expect.objectContaining({ user_id: api.author.id, patient_id: api.patient.id, data_type: "medical_record_attachment", action: "EXPORT" })]);
  });

  it("accepts PNG and JPEG by their bytes and names them by the detected type", async () => {
    const recordId = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author });
    const png = await api.send(recordId, pngFile("pele"), "lesão");
    const jpeg = await api.send(recordId, [jpegFile("raio").subarray(0, 50), jpegFile("raio").subarray(50)], "raio-x.pdf");
    expect(png.status).toBe(201);
    expect(jpeg.status).toBe(201);
    expect(bodyJson<AttachmentDto>(png)).toMatchObject({ fileName: "lesão.png", mimeType: "image/png" });
    expect(bodyJson<AttachmentDto>(jpeg)).toMatchObject({ fileName: "raio-x.pdf.jpg", mimeType: "image/jpeg" });
    const got = await api.get(bodyJson<AttachmentDto>(png).downloadUrl);
    expect(got.headers["content-type"]).toBe("image/png");
    expect(got.body.equals(pngFile("pele"))).toBe(true);
  });
});

describe("reads: who may, and what is logged", () => {
  let recordId: string;
  let attachment: AttachmentDto;
  beforeAll(async () => {
    recordId = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author });
    attachment = bodyJson<AttachmentDto>(await api.send(recordId, pdfFile("leitura"), "leitura.pdf"));
  });

  it("lets another doctor of the clinic read and download (records:read), logging each read", async () => {
    expect((await api.get(`/api/v1/medical-records/${recordId}/attachments`, "colleague")).status).toBe(200);
    expect((await api.get(attachment.downloadUrl, "colleague")).status).toBe(200);
    expect((await api.accessLogs(attachment.id)).length).toBe(1);
  });

  it("refuses secretary, finance, admin and patient (403) and another clinic (404), logging no read", async () => {
    const before = await api.footprint();
    for (const who of ["secretary", "finance", "admin", "patient"] as const) {
      expect((await api.get(`/api/v1/medical-records/${recordId}/attachments`, who)).status).toBe(403);
      expect((await api.get(attachment.downloadUrl, who)).status).toBe(403);
    }
    for (const p of [`/api/v1/medical-records/${recordId}/attachments`, attachment.downloadUrl, `/api/v1/attachments/${randomUUID()}`, "/api/v1/attachments/zzz"]) {
      const res = await api.get(p, "outsider");
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain("leitura");
    }
    expect(await api.footprint()).toEqual(before);
  });

  it("never serves a stored object that was altered", async () => {
    const [row] = await asOwner<{ storage_key: string }>("SELECT storage_key FROM medical_record_attachments WHERE tenant_id = $1 AND id = $2", [api.clinic.id, attachment.id]);
    const file = path.join(api.dir, row!.storage_key);
    const bytes = await readFile(file);
    bytes[bytes.length - 20]! ^= 0xff;
    await writeFile(file, bytes);
    const res = await api.get(attachment.downloadUrl);
    expect(res.status).toBe(500);
    expect(bodyJson<AttachmentErrorBody>(res).error).toMatchObject({ reason: "integrity_failed", message: expect.stringContaining("não confere") });
    expect(res.body.includes(Buffer.from("leitura"))).toBe(false);
  });
});

