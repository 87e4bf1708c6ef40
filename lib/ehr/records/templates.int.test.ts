import { beforeAll, describe, expect, it } from "vitest";
import { schedulingClinic, type SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { asOwner } from "@/lib/testing/factories";
import { openEncounter } from "./mutations";
import { getRecord } from "./queries";
import { listTemplates, saveTemplate } from "./templates";

// The clinic's note templates: edited by the admin, picked by a doctor for a new note, invisible
// to other clinics; an inactive one cannot seed a note.

let c: SchedulingClinic;
let other: SchedulingClinic;

beforeAll(async () => {
  [c, other] = await Promise.all([schedulingClinic(), schedulingClinic()]);
});

describe("record templates", () => {
  it("an admin saves one, a doctor opens a note from it, audited with section names only", async () => {
    const { id } = await saveTemplate(c.as.admin, null, {
      name: "Cardiologia — primeira consulta", specialty: "Cardiologia", sections: { examination: "PA: ___ mmHg; FC: ___ bpm", habits: "Tabagismo: " },
    });
    expect((await listTemplates(c.as.doctor)).map((t) => t.id)).toContain(id);
    const note = await openEncounter(c.as.doctor, { patientId: c.patients[0]!.id, templateId: id });
    const record = await getRecord(c.as.doctor, note.id);
    expect(record).toMatchObject({ template: { id, name: "Cardiologia — primeira consulta" }, sections: { examination: "PA: ___ mmHg; FC: ___ bpm", habits: "Tabagismo: " } });
    const [audit] = await asOwner<{ metadata: unknown }>("SELECT metadata FROM audit_logs WHERE entity_id = $1", [id]);
    expect(audit!.metadata).toEqual({ active: true, sections: ["habits", "examination"] });
  });

  it("refuses doctors and the front desk as editors, bad input, other clinics and inactive templates", async () => {
    const { id } = await saveTemplate(c.as.admin, null, { name: "Pediatria", sections: {} });
    await expect(saveTemplate(c.as.doctor, id, { name: "x", sections: {} })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listTemplates(c.as.secretary)).rejects.toMatchObject({ code: "forbidden" });
    await expect(saveTemplate(c.as.admin, null, { name: "", sections: { nope: "x" } })).rejects.toMatchObject({ code: "validation" });
    await expect(saveTemplate(other.as.admin, id, { name: "Roubado", sections: {} })).rejects.toMatchObject({ code: "not_found" });
    await expect(openEncounter(other.as.doctor, { patientId: other.patients[0]!.id, templateId: id })).rejects.toMatchObject({ code: "not_found" });
    await saveTemplate(c.as.admin, id, { name: "Pediatria", sections: {}, active: false });
    expect((await listTemplates(c.as.doctor)).map((t) => t.id)).not.toContain(id);
    expect((await listTemplates(c.as.admin, { includeInactive: true })).map((t) => t.id)).toContain(id);
    await expect(openEncounter(c.as.doctor, { patientId: c.patients[0]!.id, templateId: id })).rejects.toMatchObject({ code: "not_found" });
  });
});
