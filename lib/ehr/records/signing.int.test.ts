import { beforeAll, describe, expect, it } from "vitest";
import { sealField } from "@/lib/crypto/config";
import { schedulingClinic, type SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { asOwner, withOwnerClient } from "@/lib/testing/factories";
import { createAddendum } from "./addenda";
import { openEncounter, saveDraft } from "./mutations";
import { getRecord, pendingWork } from "./queries";
import { reviewRecord } from "./review";
import { signRecord } from "./sign";
import { ensureCid10, giveSigningIdentity } from "./test-fixtures";
import { verifyRecord } from "./verify";

// Sign → lock → addendum, the database's own refusal (as the owner), verification that notices
// content changed behind the trigger's back, and the residents' review.

let c: SchedulingClinic;
let other: SchedulingClinic;
const row = async (id: string) => (await asOwner<Record<string, unknown>>("SELECT * FROM medical_records WHERE id = $1", [id]))[0]!;

async function draft(ctx = c.as.doctor, patient = 0) {
  const { id } = await openEncounter(ctx, { patientId: c.patients[patient]!.id });
  const saved = await saveDraft(ctx, id, { version: 1, sections: { assessment: "Hipertensão estágio 1", plan: "Losartana 50 mg" }, diagnoses: [{ code: "I10", isMain: true }] });
  return saved;
}

beforeAll(async () => {
  await ensureCid10();
  [c, other] = await Promise.all([schedulingClinic(), schedulingClinic()]);
  await giveSigningIdentity(c);
});

describe("signing", () => {
  it("refuses another doctor's draft, a changed content hash and a stale version (409), changing nothing", async () => {
    const d = await draft();
    const before = await row(d.id);
    await expect(signRecord(c.as.otherDoctor, d.id, { version: d.version })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("autor") });
    await expect(signRecord(c.as.doctor, d.id, { version: d.version, contentHash: "0".repeat(64) })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("mudou") });
    await expect(signRecord(c.as.doctor, d.id, { version: d.version - 1 })).rejects.toMatchObject({ code: "conflict" });
    await expect(signRecord(c.as.secretary, d.id, { version: d.version })).rejects.toMatchObject({ code: "forbidden" });
    await expect(signRecord(other.as.doctor, d.id, { version: d.version })).rejects.toMatchObject({ code: "not_found" });
    expect(await row(d.id)).toEqual(before);
  });

  it("locks the note: a second sign and an edit are conflicts; the owner's own UPDATE and DELETE fail", async () => {
    const d = await draft();
    const signed = await signRecord(c.as.doctor, d.id, { version: d.version, contentHash: d.contentHash });
    expect(signed).toMatchObject({ status: "SIGNED", contentHash: d.contentHash });
    await expect(signRecord(c.as.doctor, d.id, { version: signed.version })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("assinado") });
    await expect(saveDraft(c.as.doctor, d.id, { version: signed.version, sections: { plan: "outro" } })).rejects.toMatchObject({ code: "conflict" });
    await expect(asOwner("UPDATE medical_records SET content_enc = 'x' WHERE id = $1", [d.id])).rejects.toThrow(/immutable/);
    await expect(asOwner("DELETE FROM medical_records WHERE id = $1", [d.id])).rejects.toThrow(/immutable/);
    await expect(withOwnerClient(async (o) => {
      await o.query("BEGIN");
      try {
        await o.query("SELECT set_config('app.tenant_id', $1, true)", [c.tenant.id]);
        await o.query("UPDATE medical_record_diagnoses SET is_main = false WHERE medical_record_id = $1", [d.id]);
      } finally { await o.query("ROLLBACK"); }
    })).rejects.toThrow(/immutable/);
    const record = await getRecord(c.as.doctor, d.id);
    expect(record).toMatchObject({ status: "SIGNED", sections: { assessment: "Hipertensão estágio 1" }, contentHash: d.contentHash });
  });

  it("verification names signer and certificate, and reports content altered with the trigger disabled", async () => {
    const d = await draft();
    await signRecord(c.as.doctor, d.id, { version: d.version });
    const ok = await verifyRecord(c.as.doctor, d.id);
    expect(ok).toMatchObject({ valid: true, contentMatches: true, signatureValid: true, signedBy: { id: c.doctor.id, name: "Dra. Ana Souza" }, problems: [] });
    expect(ok.certificate).toMatchObject({ commonName: "Dra. Ana Souza", crm: "123456/SP" });
    expect(ok.signerKind).toBe("local-ca");
    await withOwnerClient(async (o) => {
      await o.query("ALTER TABLE medical_records DISABLE TRIGGER medical_records_immutable");
      try {
        const forged = sealField(c.tenant.id, "medical_records.content", JSON.stringify({ assessment: "Sem alterações", plan: "Nada" }));
        await o.query("UPDATE medical_records SET content_enc = $2 WHERE id = $1", [d.id, forged]);
      } finally { await o.query("ALTER TABLE medical_records ENABLE TRIGGER medical_records_immutable"); }
    });
    const bad = await verifyRecord(c.as.doctor, d.id);
    expect(bad).toMatchObject({ valid: false, contentMatches: false, problems: ["stored_content_changed"] });
    expect(await asOwner("SELECT 1 FROM data_access_logs WHERE entity_id = $1 AND data_type = 'medical_record_signature'", [d.id])).toHaveLength(2);
    await expect(verifyRecord(c.as.secretary, d.id)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("addenda", () => {
  it("only on a signed note, only by its author; signed itself and shown with the note", async () => {
    const d = await draft();
    await expect(createAddendum(c.as.doctor, d.id, { text: "Correção" })).rejects.toMatchObject({ code: "conflict" });
    await signRecord(c.as.doctor, d.id, { version: d.version });
    await expect(createAddendum(c.as.otherDoctor, d.id, { text: "Correção" })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("autor") });
    await expect(createAddendum(c.as.doctor, d.id, { text: "  " })).rejects.toMatchObject({ code: "validation" });
    const a = await createAddendum(c.as.doctor, d.id, { text: "Dose corrigida: losartana 25 mg" });
    expect(await row(a.id)).toMatchObject({ status: "SIGNED", amends_id: d.id, type: "ADDENDUM" });
    expect(JSON.stringify(await row(a.id))).not.toContain("losartana");
    const record = await getRecord(c.as.doctor, d.id);
    expect(record.addenda).toEqual([expect.objectContaining({ id: a.id, text: "Dose corrigida: losartana 25 mg" })]);
    expect(await verifyRecord(c.as.doctor, a.id)).toMatchObject({ valid: true });
  });
});

describe("review of a resident's notes", () => {
  it("draft → pending review → returned with a comment → pending → approved → signed by the author, each step audited", async () => {
    const clinic = await schedulingClinic();
    await giveSigningIdentity(clinic);
    await asOwner("UPDATE tenants SET settings = $2 WHERE id = $1", [clinic.tenant.id, JSON.stringify({ records: { reviewRequiredDoctorIds: [clinic.doctor.id] } })]);
    const resident = clinic.as.doctor;
    const preceptor = clinic.as.otherDoctor;
    const { id } = await openEncounter(resident, { patientId: clinic.patients[0]!.id });
    await expect(signRecord(resident, id, { version: 1 })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("aprovado") });
    let v = (await reviewRecord(resident, id, { action: "submit", version: 1 })).version;
    expect((await pendingWork(preceptor)).find((i) => i.id === id)).toMatchObject({ kind: "review" });
    await expect(reviewRecord(resident, id, { action: "approve", version: v })).rejects.toMatchObject({ code: "conflict" });
    await expect(saveDraft(resident, id, { version: v, sections: { plan: "x" } })).rejects.toMatchObject({ code: "conflict" });
    await expect(reviewRecord(preceptor, id, { action: "return", version: v })).rejects.toMatchObject({ code: "validation" });
    v = (await reviewRecord(preceptor, id, { action: "return", version: v, comment: "Detalhar exame físico" })).version;
    expect((await getRecord(resident, id)).review).toMatchObject({ reviewerId: clinic.otherDoctor.id, comment: "Detalhar exame físico" });
    expect((await pendingWork(resident)).find((i) => i.id === id)).toMatchObject({ kind: "returned" });
    v = (await saveDraft(resident, id, { version: v, sections: { examination: "PA 150x95 mmHg" } })).version;
    v = (await reviewRecord(resident, id, { action: "submit", version: v })).version;
    v = (await reviewRecord(preceptor, id, { action: "approve", version: v })).version;
    await expect(reviewRecord(preceptor, id, { action: "approve", version: v })).rejects.toMatchObject({ code: "conflict" });
    expect((await signRecord(resident, id, { version: v })).status).toBe("SIGNED");
    const actions = await asOwner<{ action: string }>("SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY seq", [id]);
    expect(actions.map((a) => a.action)).toEqual([
      "medical_record.created", "medical_record.review_submitted", "medical_record.review_returned", "medical_record.draft_saved",
      "medical_record.review_submitted", "medical_record.review_approved", "medical_record.signed",
    ]);
    expect(JSON.stringify(await asOwner("SELECT metadata FROM audit_logs WHERE entity_id = $1", [id]))).not.toContain("Detalhar");
  });
});
