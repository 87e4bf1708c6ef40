import { pairKey, type DrugCatalogue, type IngredientInfo } from "@/lib/prescriptions/catalogue/search-index";
import { isBlocking, type ResolvedItem, type SafetyFinding } from "./types";

// Interactions between the items of a prescription, and between them and the patient's
// continuous-use drugs of other signed prescriptions; and the same ingredient prescribed twice.
// Ingredients of one item (a fixed combination) are not checked against each other: the
// product is the combination.

export type ContinuousItem = ResolvedItem & { prescriptionId: string };

function interactionFinding(
  catalogue: DrugCatalogue, a: IngredientInfo, b: IngredientInfo, base: { key: string; positions: number[]; code: string; params: Record<string, string | number> },
  otherPrescriptionId?: string,
): SafetyFinding | null {
  const row = catalogue.interactions.get(pairKey(a.id, b.id));
  if (!row) return null;
  return {
    ...base, kind: "interaction", severity: row.severity, blocking: isBlocking(row.severity), ingredients: [a.name, b.name],
    params: { ...base.params, severity: row.severity },
    effect: row.effect, management: row.management, source: row.source,
    ...(row.sourceUrl ? { sourceUrl: row.sourceUrl } : {}),
    ...(otherPrescriptionId ? { otherPrescriptionId } : {}),
  };
}

const ordered = (a: IngredientInfo, b: IngredientInfo) => (a.id < b.id ? [a, b] as const : [b, a] as const);

export function itemInteractionFindings(catalogue: DrugCatalogue, items: readonly ResolvedItem[]): SafetyFinding[] {
  const found = new Map<string, SafetyFinding>();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [p, q] = [items[i]!, items[j]!];
      for (const x of p.ingredients) {
        for (const y of q.ingredients) {
          if (x.id === y.id) continue;
          const [a, b] = ordered(x, y);
          const key = `interaction:${a.id}:${b.id}`;
          const existing = found.get(key);
          if (existing) {
            for (const pos of [p.position, q.position]) if (!existing.positions.includes(pos)) existing.positions.push(pos);
            continue;
          }
          const [first, second] = a.id === x.id ? [p, q] : [q, p];
          const finding = interactionFinding(catalogue, a, b, {
            key, positions: [p.position, q.position], code: "findings.interaction",
            params: { drugA: first.drugName, ingredientA: a.name, drugB: second.drugName, ingredientB: b.name },
          });
          if (finding) found.set(key, finding);
        }
      }
    }
  }
  return [...found.values()];
}

/** Against continuous-use items of other prescriptions; pairs already found among the items are not repeated. */
export function continuousInteractionFindings(
  catalogue: DrugCatalogue, items: readonly ResolvedItem[], continuous: readonly ContinuousItem[], already: ReadonlySet<string>,
): SafetyFinding[] {
  const found = new Map<string, SafetyFinding>();
  for (const item of items) {
    for (const other of continuous) {
      for (const x of item.ingredients) {
        for (const y of other.ingredients) {
          if (x.id === y.id) continue;
          const [a, b] = ordered(x, y);
          if (already.has(`interaction:${a.id}:${b.id}`)) continue;
          const key = `interaction:${a.id}:${b.id}:${other.prescriptionId}`;
          const existing = found.get(key);
          if (existing) {
            if (!existing.positions.includes(item.position)) existing.positions.push(item.position);
            continue;
          }
          const finding = interactionFinding(catalogue, a, b, {
            key, positions: [item.position], code: "findings.interactionContinuous",
            params: { drug: item.drugName, ingredient: x.name, otherDrug: other.drugName, otherIngredient: y.name },
          }, other.prescriptionId);
          if (finding) found.set(key, finding);
        }
      }
    }
  }
  return [...found.values()];
}

export function duplicateFindings(items: readonly ResolvedItem[]): SafetyFinding[] {
  const byIngredient = new Map<string, { ingredient: IngredientInfo; items: ResolvedItem[] }>();
  for (const item of items) {
    for (const ing of item.ingredients) {
      const entry = byIngredient.get(ing.id) ?? { ingredient: ing, items: [] };
      if (!entry.items.includes(item)) entry.items.push(item);
      byIngredient.set(ing.id, entry);
    }
  }
  return [...byIngredient.values()].filter((e) => e.items.length > 1).map(({ ingredient, items: dup }) => ({
    key: `duplicate:${ingredient.id}`, kind: "duplicate_ingredient" as const, severity: "MODERATE" as const, blocking: false,
    positions: dup.map((i) => i.position), ingredients: [ingredient.name], code: "findings.duplicateIngredient",
    params: { ingredient: ingredient.name, drugs: dup.map((i) => i.drugName).join(", ") },
  }));
}
