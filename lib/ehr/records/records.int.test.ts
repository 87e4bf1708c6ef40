import { beforeAll, describe, expect, it } from "vitest";
import { bookAppointment } from "@/lib/scheduling/booking";
import { transitionAppointment } from "@/lib/scheduling/status/moves";
import { NOW, schedulingClinic, slotAt, type SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { dumpDatabase } from "@/lib/testing/database-dump";
import { asOwner } from "@/lib/testing/factories";
import { openEncounter, saveDraft } from "./mutations";
import { getRecord, listRecords, pendingWork } from "./queries";
import { ensureCid10 } from "./test-fixtures";

// The encounter note as doctors, front desk and outsiders meet it: opened from an appointment or
// walk-in, saved at a version, sealed at rest, read only by clinicians and always logged.

let c: SchedulingClinic;
let other: SchedulingClinic;
const SENTENCE = "Paciente relata cefaleia pulsátil há três dias após viagem a Ouro Preto";

const accessLogs = (recordId: string) =>
  asOwner<{ user_id: string; data_type: string; purpose: string; legal_basis: string }>(
    "SELECT user_id, data_type, purpose, legal_basis FROM data_access_logs WHERE entity_id = $1", [recordId]);
const row = async (id: string) => (await asOwner<Record<string, unknown>>("SELECT * FROM medical_records WHERE id = $1", [id]))[0]!;

async function walkIn(patient = 0) {
  return (await openEncounter(c.as.doctor, { patientId: c.patients[patient]!.id })).id;
}

beforeAll(async () => {
  await ensureCid10();
  [c, other] = await Promise.all([schedulingClinic(), schedulingClinic()]);
});

describe("opening an encounter", () => {
  it("from an arrived appointment: moves it to in progress and opens one note, the same on a second click", async () => {
    const startsAt = slotAt("2026-11-26T09:00");
    const { id } = await bookAppointment(c.as.secretary, { agendaId: c.agendaId, patientId: c.patients[0]!.id, startsAt: startsAt.toISOString() }, NOW);
    await transitionAppointment(c.as.secretary, id, { to: "ARRIVED" }, startsAt);
    const first = await openEncounter(c.as.doctor, { appointmentId: id }, startsAt);
    const again = await openEncounter(c.as.doctor, { appointmentId: id }, startsAt);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect((await asOwner<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [id]))[0]!.status).toBe("IN_PROGRESS");
    const record = await getRecord(c.as.doctor, first.id);
    expect(record).toMatchObject({ appointmentId: id, status: "DRAFT", version: 1, patient: { id: c.patients[0]!.id } });
  });

  it("refuses the front desk and finance (403) and another clinic's patient (404)", async () => {
    await expect(openEncounter(c.as.secretary, { patientId: c.patients[0]!.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(openEncounter(c.as.finance, { patientId: c.patients[0]!.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(openEncounter(c.as.doctor, { patientId: other.patients[0]!.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("saving a draft", () => {
  it("stores the narrative sealed (the sentence is nowhere in the row as the owner sees it) and reads it back, logged", async () => {
    const id = await walkIn();
    const saved = await saveDraft(c.as.doctor, id, {
      version: 1, sections: { chiefComplaint: "Cefaleia", historyOfPresentIllness: SENTENCE },
      diagnoses: [{ code: "I10", isMain: true, certainty: "SUSPECTED" }, { code: "e119" }],
    });
    expect(saved.version).toBe(2);
    expect(JSON.stringify(await row(id))).not.toContain("cefaleia pulsátil");
    expect(JSON.stringify(await row(id))).not.toContain("Cefaleia");
    const record = await getRecord(c.as.doctor, id);
    expect(record.sections).toEqual({ chiefComplaint: "Cefaleia", historyOfPresentIllness: SENTENCE });
    expect(record.diagnoses.map((d) => [d.code, d.isMain, d.certainty])).toEqual([["I10", true, "SUSPECTED"], ["E11.9", false, "CONFIRMED"]]);
    expect(record.contentHash).toBe(saved.contentHash);
    expect(await accessLogs(id)).toEqual([
      { user_id: c.doctor.id, data_type: "medical_record", purpose: "tutela da saúde", legal_basis: "HEALTH_PROTECTION" },
    ]);
  });

  it("a plain pg_dump of the whole database holds no sentence of the note (tables, audit, access logs)", async () => {
    const id = await walkIn();
    await saveDraft(c.as.doctor, id, { version: 1, sections: { historyOfPresentIllness: SENTENCE } });
    await getRecord(c.as.doctor, id);
    const stdout = await dumpDatabase(process.env.DATABASE_URL!);
    expect(stdout).toContain(id);
    expect(stdout).not.toContain("cefaleia pulsátil");
    expect(stdout).not.toContain("Ouro Preto");
  });

  it("a stale version is a conflict and changes nothing", async () => {
    const id = await walkIn();
    await saveDraft(c.as.doctor, id, { version: 1, sections: { plan: "Retorno em 7 dias" } });
    const before = await row(id);
    await expect(saveDraft(c.as.doctor, id, { version: 1, sections: { plan: "texto velho de outra aba" } }))
      .rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("outra aba") });
    expect(await row(id)).toEqual(before);
  });

  it("unknown CID-10 codes and oversize sections are field errors; nothing changes", async () => {
    const id = await walkIn();
    const before = await row(id);
    await expect(saveDraft(c.as.doctor, id, { version: 1, sections: {}, diagnoses: [{ code: "Z99.7" }] }))
      .rejects.toMatchObject({ code: "validation", fields: { diagnoses: [expect.stringContaining("Z99.7")] } });
    await expect(saveDraft(c.as.doctor, id, { version: 1, sections: { plan: "x".repeat(20_001) } }))
      .rejects.toMatchObject({ code: "validation", fields: { "sections.plan": [expect.any(String)] } });
    await expect(saveDraft(c.as.doctor, id, { version: 1, sections: { notASection: "x" } })).rejects.toMatchObject({ code: "validation" });
    expect(await row(id)).toEqual(before);
  });

  it("only the author edits; the front desk cannot read or write; another clinic's id is not found", async () => {
    const id = await walkIn();
    await expect(saveDraft(c.as.otherDoctor, id, { version: 1, sections: { plan: "x" } })).rejects.toMatchObject({ code: "conflict" });
    for (const role of [c.as.secretary, c.as.finance]) {
      await expect(getRecord(role, id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(saveDraft(role, id, { version: 1, sections: { plan: "x" } })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(getRecord(other.as.doctor, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(saveDraft(other.as.doctor, id, { version: 1, sections: { plan: "x" } })).rejects.toMatchObject({ code: "not_found" });
    await expect(getRecord(c.as.doctor, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    expect(await accessLogs(id)).toEqual([]);
  });
});

describe("lists", () => {
  it("filters by patient, logs each patient shown, pages by cursor, and refuses the front desk", async () => {
    const ids = [await walkIn(2), await walkIn(2), await walkIn(2)];
    const first = await listRecords(c.as.doctor, { patientId: c.patients[2]!.id }, { limit: 2 });
    expect(first.rows.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const second = await listRecords(c.as.doctor, { patientId: c.patients[2]!.id }, { limit: 2, cursor: first.nextCursor! });
    expect(second.rows.map((r) => r.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    const logs = await asOwner("SELECT 1 FROM data_access_logs WHERE patient_id = $1 AND data_type = 'medical_record_list'", [c.patients[2]!.id]);
    expect(logs).toHaveLength(2);
    await expect(listRecords(c.as.secretary, {}, { limit: 10 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listRecords(c.as.doctor, { status: "LOST" }, { limit: 10 })).rejects.toMatchObject({ code: "validation" });
    expect((await listRecords(other.as.doctor, { patientId: c.patients[2]!.id }, { limit: 10 }).catch((e: { code: string }) => e.code))).toBe("not_found");
  });

  it("the doctor's work list holds their unsigned notes, not another doctor's drafts", async () => {
    const mine = await walkIn(1);
    const items = await pendingWork(c.as.doctor);
    expect(items.find((i) => i.id === mine)).toMatchObject({ kind: "sign", status: "DRAFT" });
    expect((await pendingWork(c.as.otherDoctor)).find((i) => i.id === mine)).toBeUndefined();
    expect(await pendingWork(c.as.secretary)).toEqual([]);
  });
});
