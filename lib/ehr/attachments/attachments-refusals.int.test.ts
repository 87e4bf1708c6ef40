// Attachment uploads that must be refused, over real HTTP: renamed executables and pages, empty
// and oversize bodies, signed records (also when the signature lands mid-upload, and in the
// database itself), someone else's draft, roles without the right, another clinic. Each one is
// shown to leave nothing behind: no row, no audit row, no read logged, no object in storage.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMedicalRecord, exeFile, htmlFile, pdfFile } from "@/lib/testing/attachment-fixtures";
import { asOwner, withOwnerClient } from "@/lib/testing/factories";
import type { AttachmentErrorBody } from "./schemas";
import { bodyJson, startAttachmentApi, type AttachmentApi } from "./testing";

let api: AttachmentApi;
beforeAll(async () => {
  api = await startAttachmentApi();
});
afterAll(async () => api?.stop());

describe("refusals write nothing", () => {
  const refused = async (answer: Promise<{ status: number; body: Buffer }>, status: number, reason: string) => {
    const before = await api.footprint();
    const res = await answer;
    expect(res.status).toBe(status);
    expect(bodyJson<AttachmentErrorBody>(res).error.reason).toBe(reason);
    expect(await api.footprint()).toEqual(before);
    return bodyJson<AttachmentErrorBody>(res);
  };

  it("refuses an .exe renamed .pdf, HTML renamed .png, text and an empty file, whatever the content type claims", async () => {
    const recordId = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author });
    const body = await refused(api.send(recordId, exeFile("MZ payload"), "laudo.pdf", "author", { "content-type": "application/pdf" }), 400, "type_not_allowed");
    expect(body.error).toMatchObject({ code: "validation", message: expect.stringContaining("PDF, JPEG ou PNG") });
    await refused(api.send(recordId, htmlFile("xss"), "foto.png", "author", { "content-type": "image/png" }), 400, "type_not_allowed");
    await refused(api.send(recordId, Buffer.from("Paciente relata dor"), "nota.pdf"), 400, "type_not_allowed");
    await refused(api.send(recordId, Buffer.alloc(0), "vazio.pdf"), 400, "empty");
  });

  it("refuses a file over the clinic's limit, declared or streamed without a length", async () => {
    const recordId = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author });
    const big = Buffer.concat([pdfFile("grande"), Buffer.alloc(1024 * 1024)]);
    const declared = await refused(api.send(recordId, big, "grande.pdf"), 400, "too_large");
    expect(declared.error.params).toEqual({ maxMegabytes: 1 });
    expect(declared.error.message).toContain("1 MB");
    const chunks = Array.from({ length: 20 }, (_, i) => (i === 0 ? pdfFile("fluxo") : Buffer.alloc(64 * 1024)));
    await refused(api.send(recordId, chunks, "fluxo.pdf"), 400, "too_large");
    const exact = await api.send(recordId, Buffer.concat([pdfFile("exato"), Buffer.alloc(1024 * 1024 - pdfFile("exato").length)]), "exato.pdf");
    expect(exact.status).toBe(201);
  });

  it("refuses a signed record (409), a colleague's draft (403), secretary, finance, admin and patient (403), and another clinic (404)", async () => {
    const signed = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author, status: "SIGNED" });
    const draft = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author });
    const file = pdfFile("tentativa");
    const conflict = await refused(api.send(signed, file, "a.pdf"), 409, "record_signed");
    expect(conflict.error.code).toBe("conflict");
    await refused(api.send(draft, file, "a.pdf", "colleague"), 403, "not_author");
    for (const who of ["secretary", "finance", "admin", "patient"] as const) {
      const before = await api.footprint();
      expect((await api.send(draft, file, "a.pdf", who)).status).toBe(403);
      expect(await api.footprint()).toEqual(before);
    }
    const before = await api.footprint();
    for (const id of [draft, randomUUID(), "not-a-uuid"]) expect((await api.send(id, file, "a.pdf", "outsider")).status).toBe(404);
    expect(await api.footprint()).toEqual(before);
  });

  it("a signature committed while the upload is in flight wins: the upload is refused and its object removed", async () => {
    const recordId = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author });
    const before = await api.footprint();
    await withOwnerClient(async (signer) => {
      await signer.query("BEGIN");
      await signer.query("UPDATE medical_records SET status = 'SIGNED', signed_at = now(), signed_by = doctor_id WHERE tenant_id = $1 AND id = $2", [api.clinic.id, recordId]);
      const upload = api.send(recordId, pdfFile("corrida"), "corrida.pdf");
      // The upload's second transaction locks the record FOR SHARE and must wait for the signature.
      for (let tries = 0; ; tries++) {
        const [waiting] = await asOwner<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = 'prontivus_app' AND wait_event_type = 'Lock' AND query LIKE '%FROM medical_records%FOR SHARE%'");
        if (waiting!.n > 0) break;
        if (tries > 500) throw new Error("the upload never waited for the record lock");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await api.footprint()).files).toBe(before.files + 1); // the object is in storage, not yet a row
      await signer.query("COMMIT");
      const res = await upload;
      expect(res.status).toBe(409);
      expect(bodyJson<AttachmentErrorBody>(res).error.reason).toBe("record_signed");
    });
    expect(await api.footprint()).toEqual(before);
  });

  it("the database itself refuses an attachment on a signed record, even from the owner role", async () => {
    const signed = await createMedicalRecord(api.clinic, { patient: api.patient, doctor: api.author, status: "SIGNED" });
    await expect(asOwner(
      `INSERT INTO medical_record_attachments (id, tenant_id, medical_record_id, file_name_enc, mime_type, size_bytes, storage_key, sha256, data_key_enc, encryption_key_id, uploaded_by)
       VALUES ($1, $2, $3, 'x', 'application/pdf', 1, $4, 'x', 'x', 'v1', $5)`,
      [randomUUID(), api.clinic.id, signed, `aa/${randomUUID().replace(/-/g, "")}`, api.author.id],
    )).rejects.toThrow(/is signed/);
  });
});

