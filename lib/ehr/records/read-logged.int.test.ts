import { beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { appPrisma } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { openBreakGlass } from "@/lib/ehr/break-glass";
import { schedulingClinic, type SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { asOwner } from "@/lib/testing/factories";
import { createAddendum } from "./addenda";
import { loadRecord } from "./load";
import { openEncounter, saveDraft } from "./mutations";
import { getRecord } from "./queries";
import { readLoggedRecord } from "./read-logged";
import { reviewRecord } from "./review";
import { signRecord } from "./sign";
import { saveTemplate } from "./templates";
import { ensureCid10, giveSigningIdentity } from "./test-fixtures";

// The one-statement chart read (read_medical_record) against the transaction it replaces: the
// same row, the same view, the same access-log row, the same refusals, and nothing left on the
// pooled connection.

let c: SchedulingClinic;
let other: SchedulingClinic;
// The guards put the clinic's settings in every request's Context; that is what selects the
// one-statement path in getRecord. The fixtures' contexts lack them and take the transaction.
const guarded = (ctx: Context): Context => ({ ...ctx, tenantSettings: {}, requestId: crypto.randomUUID(), ip: "203.0.113.9" });

type LogRow = { user_id: string; patient_id: string; data_type: string; entity_id: string; action: string; purpose: string; legal_basis: string; ip: string; request_id: string };
const logsOf = (requestId: string) => asOwner<LogRow>(
  "SELECT user_id, patient_id, data_type, entity_id, action::text, purpose, legal_basis::text, ip, request_id FROM data_access_logs WHERE request_id = $1", [requestId]);

/** A record with everything the read returns: template, two diagnoses, signed, one addendum. */
async function fullRecord(): Promise<{ id: string; addendumId: string }> {
  const { id: templateId } = await saveTemplate(c.as.admin, null, { name: `Clínica geral ${crypto.randomUUID().slice(0, 6)}`, sections: { plan: "Retorno" } });
  const { id } = await openEncounter(c.as.doctor, { patientId: c.patients[1]!.id, templateId });
  const saved = await saveDraft(c.as.doctor, id, {
    version: 1, sections: { assessment: "Hipertensão e diabetes", plan: "Losartana 50 mg" },
    diagnoses: [{ code: "I10", isMain: true }, { code: "E11.9", certainty: "SUSPECTED" }],
  });
  await signRecord(c.as.doctor, id, { version: saved.version, contentHash: saved.contentHash });
  const addendum = await createAddendum(c.as.doctor, id, { text: "Glicemia de jejum 132 mg/dL" });
  return { id, addendumId: addendum.id };
}

beforeAll(async () => {
  await ensureCid10();
  [c, other] = await Promise.all([schedulingClinic(), schedulingClinic()]);
  await giveSigningIdentity(c);
});

describe("the one-statement chart read", () => {
  it("returns the row loadRecord returns, field for field, for a signed record with template, diagnoses and addendum", async () => {
    const { id, addendumId } = await fullRecord();
    const viaPrisma = await withTenant(c.as.doctor, (tx) => loadRecord(tx, id));
    const viaFunction = await readLoggedRecord(guarded(c.as.doctor), id);
    expect(viaFunction).toEqual(viaPrisma);
    expect(viaFunction.addenda.map((a) => a.id)).toEqual([addendumId]);
    expect(viaFunction.diagnoses.map((d) => d.code)).toEqual(["I10", "E11.9"]);
    expect(viaFunction.signedAt).toBeInstanceOf(Date);
    // An addendum itself (no template, no addenda, no diagnoses) and a fresh draft (nothing signed).
    const { id: draftId } = await openEncounter(c.as.doctor, { patientId: c.patients[2]!.id });
    for (const other of [addendumId, draftId]) {
      expect(await readLoggedRecord(guarded(c.as.doctor), other)).toEqual(await withTenant(c.as.doctor, (tx) => loadRecord(tx, other)));
    }
  });

  it("gives the same view as the transaction path, and the same access-log row", async () => {
    const { id } = await fullRecord();
    const fast = guarded(c.as.doctor);
    const slow = { ...fast, tenantSettings: undefined, requestId: crypto.randomUUID() };
    expect(await getRecord(fast, id)).toEqual(await getRecord(slow, id));
    const [a] = await logsOf(fast.requestId);
    const [b] = await logsOf(slow.requestId);
    expect(a).toEqual({ ...b, request_id: fast.requestId });
    expect(a).toMatchObject({
      user_id: c.doctor.id, patient_id: c.patients[1]!.id, data_type: "medical_record", entity_id: id,
      action: "VIEW", purpose: "tutela da saúde", legal_basis: "HEALTH_PROTECTION", ip: "203.0.113.9",
    });
    expect(await logsOf(fast.requestId)).toHaveLength(1);
  });

  it("shows a returned record's review comment and the clinic's review setting as the transaction path does", async () => {
    const clinic = await schedulingClinic({ settings: {} });
    const settings = { records: { reviewRequiredDoctorIds: [clinic.doctor.id] } };
    await asOwner("UPDATE tenants SET settings = $2 WHERE id = $1", [clinic.tenant.id, JSON.stringify(settings)]);
    const { id } = await openEncounter(clinic.as.doctor, { patientId: clinic.patients[0]!.id });
    const v = (await reviewRecord(clinic.as.doctor, id, { action: "submit", version: 1 })).version;
    await reviewRecord(clinic.as.otherDoctor, id, { action: "return", version: v, comment: "Detalhar exame físico" });
    const fast = await getRecord({ ...clinic.as.doctor, tenantSettings: settings }, id);
    expect(fast).toEqual(await getRecord(clinic.as.doctor, id));
    expect(fast.review).toMatchObject({ comment: "Detalhar exame físico" });
  });

  it("answers not found for another clinic's record, an unknown id and a bad id, and logs nothing", async () => {
    const { id } = await fullRecord();
    for (const bad of [id, crypto.randomUUID(), "not-a-uuid", 42]) {
      const ctx = guarded(other.as.doctor);
      await expect(getRecord(ctx, bad)).rejects.toMatchObject({ code: "not_found" });
      expect(await logsOf(ctx.requestId)).toEqual([]);
    }
  });

  it("leaves no tenant, user or request on the pooled connections", async () => {
    const { id } = await fullRecord();
    await Promise.all(Array.from({ length: 12 }, () => readLoggedRecord(guarded(c.as.doctor), id)));
    const seen = await Promise.all(Array.from({ length: 12 }, () => appPrisma().$queryRaw<{ t: string | null; u: string | null; r: string | null }[]>`
      SELECT current_setting('app.tenant_id', true) AS t, current_setting('app.user_id', true) AS u, current_setting('app.request_id', true) AS r`));
    for (const [s] of seen) expect([s!.t ?? "", s!.u ?? "", s!.r ?? ""]).toEqual(["", "", ""]);
  });

  it("refuses the front desk (403, nothing logged) and serves break-glass through its grant, logged as such", async () => {
    const { id } = await fullRecord();
    const secretary = guarded(c.as.secretary);
    await expect(getRecord(secretary, id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await logsOf(secretary.requestId)).toEqual([]);
    await openBreakGlass(c.as.secretary, c.patients[1]!.id, { justification: "Paciente em parada na recepção, médico pediu a ficha" }, { sendMail: async () => {} });
    const emergency = guarded(c.as.secretary);
    expect((await getRecord(emergency, id)).id).toBe(id);
    expect(await logsOf(emergency.requestId)).toEqual([expect.objectContaining({ legal_basis: "LIFE_PROTECTION", purpose: expect.stringMatching(/^acesso de emergência:/) })]);
  });
});
