import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { drugCatalogue } from "@/lib/prescriptions/catalogue/catalogue";
import { SEVERITY_RANK } from "@/lib/prescriptions/catalogue/classes";
import { drugSearchName } from "@/lib/prescriptions/catalogue/normalize";
import type { DrugCatalogue, IngredientInfo } from "@/lib/prescriptions/catalogue/search-index";
import { allergyFindings, type ActiveAllergy } from "./allergies";
import { continuousInteractionFindings, duplicateFindings, itemInteractionFindings, type ContinuousItem } from "./interactions";
import { ingredientsOf, matchText } from "./resolve";
import type { AllergyStatus, ResolvedItem, SafetyFinding, SafetyItem } from "./types";

export type { AllergyStatus, SafetyFinding, SafetyItem, SafetySeverity } from "./types";

// The safety check of a prescription (issue 10, item 3), run live while the doctor edits and
// again, inside the signing transaction, before a prescription is signed: allergies (coded and
// written, with cross-reactivity), interactions among the items and with the patient's
// continuous-use drugs of other signed prescriptions, and an ingredient prescribed twice.
// Runs in the caller's tenant transaction: the caller owns the access decision and its
// data-access log (as for any chart read); this function reads the patient's allergies and
// prescriptions, never writes.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ItemSource = Pick<SafetyItem, "medicationId" | "clinicMedicationId" | "drugName" | "activeIngredient">;

/** What an item contains: the catalogue's links, the clinic item's coded ingredient, or its words. */
function ingredientsOfItem(catalogue: DrugCatalogue, item: ItemSource, clinic: ReadonlyMap<string, { name: string; ingredientId: string | null }>): IngredientInfo[] {
  const hit = item.medicationId ? catalogue.medications.get(item.medicationId) : undefined;
  if (hit && hit.ingredients.length) return ingredientsOf(catalogue, hit.ingredients.map((i) => i.id));
  const own = item.clinicMedicationId ? clinic.get(item.clinicMedicationId) : undefined;
  if (own?.ingredientId) return ingredientsOf(catalogue, [own.ingredientId]);
  // Free text (or an uncoded clinic item): the written ingredient first, else the name.
  const written = matchText(catalogue, item.activeIngredient, { classes: false }).ingredients;
  const ids = written.size ? written : matchText(catalogue, `${own?.name ?? ""} ${item.drugName}`, { classes: false }).ingredients;
  return ingredientsOf(catalogue, ids);
}

async function clinicItems(tx: Tx, ids: string[]) {
  const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (valid.length === 0) return new Map<string, { name: string; ingredientId: string | null }>();
  const rows = await tx.clinicMedication.findMany({ where: { id: { in: valid } }, select: { id: true, name: true, ingredientId: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

function resolveItem(catalogue: DrugCatalogue, item: ItemSource & { position: number }, clinic: Parameters<typeof ingredientsOfItem>[2]): ResolvedItem {
  return {
    position: item.position, drugName: item.drugName,
    text: drugSearchName(`${item.drugName} ${item.activeIngredient ?? ""}`),
    ingredients: ingredientsOfItem(catalogue, item, clinic),
  };
}

async function patientAllergies(tx: Tx, patientId: string) {
  const patient = UUID.test(patientId)
    ? await tx.patient.findFirst({
      where: { id: patientId },
      select: {
        id: true, deniesAllergies: true,
        allergies: {
          where: { inactiveAt: null }, orderBy: [{ notedAt: "asc" }, { id: "asc" }],
          select: { id: true, substance: true, severity: true, ingredientId: true, drugClass: true },
        },
      },
    })
    : null;
  if (!patient) throw notFound("Paciente");
  return patient;
}

export function allergyStatusOf(deniesAllergies: boolean, allergies: readonly ActiveAllergy[]): AllergyStatus {
  const list = allergies.map((a) => ({ id: a.id, substance: a.substance, severity: a.severity }));
  if (list.length) return { state: "recorded", allergies: list };
  return { state: deniesAllergies ? "denies" : "unknown", allergies: [] };
}

/** Worst first, then by key: the order the editor shows and the sign flow reads. */
const byRisk = (a: SafetyFinding, b: SafetyFinding) =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export async function checkPrescriptionSafety(tx: Tx, ctx: Context, input: {
  patientId: string; items: SafetyItem[]; excludePrescriptionId?: string;
}): Promise<{ allergyStatus: AllergyStatus; findings: SafetyFinding[] }> {
  if (!can(ctx, "prescriptions:write") && !can(ctx, "prescriptions:sign")) throw forbidden();
  const catalogue = await drugCatalogue();
  const patient = await patientAllergies(tx, input.patientId);
  const others = await tx.prescriptionItem.findMany({
    where: {
      continuousUse: true,
      prescription: {
        patientId: patient.id, status: "SIGNED", cancelledAt: null,
        ...(input.excludePrescriptionId && UUID.test(input.excludePrescriptionId) ? { id: { not: input.excludePrescriptionId } } : {}),
      },
    },
    select: { prescriptionId: true, position: true, medicationId: true, clinicMedicationId: true, drugName: true, activeIngredient: true },
    orderBy: [{ prescriptionId: "asc" }, { position: "asc" }],
  });
  const clinic = await clinicItems(tx, [...input.items, ...others].flatMap((i) => (i.clinicMedicationId ? [i.clinicMedicationId] : [])));

  const items = input.items.map((i) => resolveItem(catalogue, i, clinic));
  const continuous: ContinuousItem[] = others.map((o) => ({ ...resolveItem(catalogue, o, clinic), prescriptionId: o.prescriptionId }));
  const within = itemInteractionFindings(catalogue, items);
  const findings = [
    ...allergyFindings(catalogue, patient.allergies, items),
    ...within,
    ...continuousInteractionFindings(catalogue, items, continuous, new Set(within.map((f) => f.key))),
    ...duplicateFindings(items),
  ].sort(byRisk);
  return { allergyStatus: allergyStatusOf(patient.deniesAllergies, patient.allergies), findings };
}
