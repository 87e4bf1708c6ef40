// What an attacker with a copy of the database, or an auditor reading the trail, would find.
// The desk's and the doctor's everyday flows run with marker values; afterwards no audit row
// holds a patient's name, phone, birth date, address or any free text in clear, and the free
// text (visit, encaixe and cancellation reasons, allergic reactions, waitlist notes) is in no
// table in clear at all, while the app still shows it to the people who may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCpf, generateCpf } from "@/lib/br/documents";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { addToWaitlist, listWaitlist } from "@/lib/engagement/waitlist";
import { addAllergy } from "@/lib/patients/allergies";
import { createPatient, preRegisterPatient, updatePatient } from "@/lib/patients/mutations";
import { getPatient } from "@/lib/patients/queries";
import { bookAppointment } from "@/lib/scheduling/booking";
import { getAppointment } from "@/lib/scheduling/queries";
import { rescheduleAppointment } from "@/lib/scheduling/reschedule";
import { transitionAppointment } from "@/lib/scheduling/status/moves";
import { NOW, schedulingClinic, slotAt, type SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { updateAppointment } from "@/lib/scheduling/update";
import { asOwner, closeOwnerPool } from "@/lib/testing/factories";
import { AuditMetadataError } from "./metadata-guard";
import { recordAudit } from "./record";

const PERSONAL = {
  fullName: "Zenóbia Marcadora Quaresma", newName: "Zenóbia M. Quaresma", socialName: "Zeca Marcadora",
  phone: "(48) 99123-4567", phoneDigits: "48991234567", newPhone: "48 3224-9911", newPhoneDigits: "4832249911",
  birthDate: "17/09/1968", birthIso: "1968-09-17", street: "Travessa dos Marcadores", district: "Bairro Marcado",
  email: "zenobia.marcadora@example.test", preName: "Quirino Marcado Pré", prePhoneDigits: "48988776655",
};
const FREE_TEXT = {
  reason: "Marcador: dor torácica ao subir escadas", encaixe: "Marcador: encaixe pedido pela médica",
  cancel: "Marcador: paciente internado", reaction: "Marcador: edema de glote após dose", notes: "Marcador: só pode às terças",
  newReason: "Marcador: retorno com ecocardiograma",
};

let c: SchedulingClinic;

const tenantText = async (table: string) =>
  (await asOwner<{ t: string }>(`SELECT coalesce(string_agg(row_to_json(x)::text, E'\\n'), '') AS t FROM ${table} x WHERE tenant_id = $1`, [c.tenant.id]))[0]!.t;

beforeAll(async () => {
  c = await schedulingClinic();
  const desk = c.as.secretary;
  const cpf = formatCpf(generateCpf());
  const form = {
    fullName: PERSONAL.fullName, socialName: PERSONAL.socialName, cpf, birthDate: PERSONAL.birthDate, sex: "FEMALE",
    phone: PERSONAL.phone, email: PERSONAL.email, cep: "88010-001", street: PERSONAL.street, number: "42", district: PERSONAL.district,
    city: "Florianópolis", uf: "SC", emergencyContacts: [{ name: "Contato Marcador", relationship: "Filha", phone: "48999990000" }],
  };
  const { id } = await createPatient(desk, form);
  await updatePatient(desk, id, { ...form, fullName: PERSONAL.newName, phone: PERSONAL.newPhone });
  const pre = await preRegisterPatient(desk, { fullName: PERSONAL.preName, phone: PERSONAL.prePhoneDigits });
  await addAllergy(c.as.doctor, id, { substance: "Dipirona", reaction: FREE_TEXT.reaction, severity: "SEVERE" });
  const booked = await bookAppointment(desk, { agendaId: c.agendaId, patientId: id, startsAt: slotAt("2026-11-27T09:00").toISOString(), reason: FREE_TEXT.reason }, NOW);
  await bookAppointment(desk, {
    agendaId: c.agendaId, patientId: pre.id, startsAt: slotAt("2026-11-27T09:00").toISOString(), isEncaixe: true, encaixeReason: FREE_TEXT.encaixe,
  }, NOW);
  await updateAppointment(desk, booked.id, { reason: FREE_TEXT.newReason }, NOW);
  const moved = await rescheduleAppointment(desk, booked.id, { startsAt: slotAt("2026-11-30T10:00").toISOString() }, NOW);
  await transitionAppointment(desk, moved.id, { to: "CANCELLED", reason: FREE_TEXT.cancel }, NOW);
  await addToWaitlist(desk, { patientId: id, earliest: "2026-12-01", latest: "2026-12-10", notes: FREE_TEXT.notes });
  Object.assign(c, { scanned: { patientId: id, movedId: moved.id } });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("after the everyday flows", () => {
  it("the audit trail holds none of the personal values or free text", async () => {
    const trail = await tenantText("audit_logs");
    expect(trail).toContain("patient.updated"); // the rows are there…
    const found = [...Object.values(PERSONAL), ...Object.values(FREE_TEXT)].filter((v) => trail.includes(v));
    expect(found).toEqual([]); // …their personal content is not
    expect(trail).not.toContain("Marcador");
    expect(trail).not.toContain("Marcadora");
  });

  it("no table holds the free text in clear", async () => {
    for (const table of ["appointments", "patient_allergies", "waitlist_entries", "patients", "audit_logs", "data_subject_keys"]) {
      const text = await tenantText(table);
      expect(Object.values(FREE_TEXT).filter((v) => text.includes(v)), table).toEqual([]);
    }
  });

  it("the people who may read it still see it", async () => {
    const { patientId, movedId } = (c as unknown as { scanned: { patientId: string; movedId: string } }).scanned;
    expect(await getPatient(c.as.secretary, patientId)).toMatchObject({
      fullName: PERSONAL.newName, allergies: [{ substance: "Dipirona", reaction: FREE_TEXT.reaction }],
    });
    expect(await getAppointment(c.as.secretary, movedId)).toMatchObject({ reason: FREE_TEXT.newReason, cancellationReason: FREE_TEXT.cancel });
    expect((await listWaitlist(c.as.secretary)).map((w) => w.notes)).toContain(FREE_TEXT.notes);
  });
});

describe("recordAudit's guard", () => {
  it("fails the whole transaction on a personal value in clear, so nothing of it is written", async () => {
    const desk = c.as.secretary;
    const count = async () => Number((await asOwner<{ n: string }>("SELECT count(*) AS n FROM audit_logs WHERE tenant_id = $1", [c.tenant.id]))[0]!.n);
    const rows = await count();
    const attempt = withTenant(desk, async (tx) => {
      await tx.insuranceProvider.create({ data: { name: "Convênio Marcador" }, select: { id: true } });
      await recordAudit(tx, desk, { action: "test.leaky", entityType: "patient", metadata: { after: { patientPhone: PERSONAL.phoneDigits } } });
    });
    await expect(attempt).rejects.toThrow(AuditMetadataError);
    expect(await count()).toBe(rows);
    expect(await asOwner("SELECT 1 FROM insurance_providers WHERE name = 'Convênio Marcador'")).toEqual([]);
  });
});
