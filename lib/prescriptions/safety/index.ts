// TEMPORARY STUB (engineer A's interface, issue10.md) — untracked, deleted before merging main.
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
export type SafetyItem = { position: number; medicationId?: string | null; clinicMedicationId?: string | null; drugName: string; activeIngredient?: string | null };
export type SafetyFinding = {
  key: string; kind: "allergy" | "cross_reactivity" | "interaction" | "duplicate_ingredient";
  severity: "CONTRAINDICATED" | "MAJOR" | "MODERATE" | "MINOR"; blocking: boolean; positions: number[]; ingredients: string[];
  code: string; params: Record<string, string | number>; effect?: string; management?: string; source?: string; otherPrescriptionId?: string;
};
export type AllergyStatus = { state: "denies" | "unknown" | "recorded"; allergies: { id: string; substance: string; severity: string }[] };
export async function checkPrescriptionSafety(tx: Tx, _ctx: Context, input: { patientId: string; items: SafetyItem[]; excludePrescriptionId?: string }): Promise<{ allergyStatus: AllergyStatus; findings: SafetyFinding[] }> {
  const patient = await tx.patient.findFirst({ where: { id: input.patientId }, select: { deniesAllergies: true } });
  const allergies = await tx.patientAllergy.findMany({ where: { patientId: input.patientId, inactiveAt: null }, select: { id: true, substance: true, severity: true } });
  const findings: SafetyFinding[] = [];
  for (const a of allergies) for (const item of input.items) {
    const s = a.substance.toLowerCase().slice(0, 6);
    if ((item.drugName + " " + (item.activeIngredient ?? "")).toLowerCase().includes(s) || (s.startsWith("penici") && /amoxi/i.test(item.drugName))) {
      findings.push({ key: `allergy:${a.id}:${item.position}`, kind: "allergy", severity: "CONTRAINDICATED", blocking: true, positions: [item.position], ingredients: [item.drugName], code: "allergy", params: { substance: a.substance } });
    }
  }
  const names = input.items.map((i) => (i.drugName + " " + (i.activeIngredient ?? "")).toLowerCase());
  if (names.some((n) => n.includes("varfarina")) && names.some((n) => n.includes("acetilsalic"))) {
    findings.push({ key: "interaction:x:y", kind: "interaction", severity: "MAJOR", blocking: true, positions: [1, 2], ingredients: ["varfarina", "ácido acetilsalicílico"], code: "interaction", params: {}, effect: "sangramento", management: "evitar", source: "stub" });
  }
  return { allergyStatus: { state: allergies.length ? "recorded" : patient?.deniesAllergies ? "denies" : "unknown", allergies: allergies.map((a) => ({ ...a, severity: String(a.severity) })) }, findings };
}
