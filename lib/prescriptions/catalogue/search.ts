// TEMPORARY STUB (engineer A's interface, issue10.md) — untracked, deleted before merging main.
import type { Context } from "@/lib/context";
import { appPrisma } from "@/lib/db/client";
export type MedicationHit = {
  source: "catalogue" | "clinic"; id: string; name: string; brandName: string | null; presentation: string | null;
  strength: string | null; form: string | null; route: string | null;
  ingredients: { id: string; name: string; controlList: string | null; antimicrobial: boolean; classes: string[] }[];
  controlList: string | null; antimicrobial: boolean;
};
export async function searchMedications(_ctx: Context, query: string, options?: { limit?: number }): Promise<MedicationHit[]> {
  const rows = await appPrisma().medication.findMany({ where: { searchName: { contains: query.toLowerCase() } }, take: options?.limit ?? 10, select: { id: true } });
  const out: MedicationHit[] = [];
  for (const r of rows) { const h = await medicationById(_ctx, { source: "catalogue", id: r.id }); if (h) out.push(h); }
  return out;
}
export async function medicationById(_ctx: Context, ref: { source: "catalogue" | "clinic"; id: string }): Promise<MedicationHit | null> {
  if (ref.source !== "catalogue") return null;
  const m = await appPrisma().medication.findFirst({ where: { id: ref.id }, include: { ingredients: { include: { ingredient: true }, orderBy: { position: "asc" } } } });
  if (!m) return null;
  const ingredients = m.ingredients.map((i) => ({ id: i.ingredient.id, name: i.ingredient.name, controlList: i.ingredient.controlList, antimicrobial: i.ingredient.antimicrobial, classes: i.ingredient.classes }));
  return { source: "catalogue", id: m.id, name: m.name, brandName: m.brandName, presentation: [m.strength, m.form, m.route].filter(Boolean).join(", ") || null,
    strength: m.strength, form: m.form, route: m.route, ingredients, controlList: ingredients.find((i) => i.controlList)?.controlList ?? null, antimicrobial: ingredients.some((i) => i.antimicrobial) };
}
