import { crossRule, isDrugClass, SEVERITY_RANK, type DrugClass } from "@/lib/prescriptions/catalogue/classes";
import { drugSearchName } from "@/lib/prescriptions/catalogue/normalize";
import type { DrugCatalogue } from "@/lib/prescriptions/catalogue/search-index";
import { matchText } from "./resolve";
import { isBlocking, type ResolvedItem, type SafetyFinding, type SafetySeverity } from "./types";

// Allergies against the items of a prescription. An allergy names ingredients and classes: the
// ones it is coded to (patient_allergies.ingredient_id / drug_class) and the ones its text names
// ("Penicilina", "AAS", "sulfa", "Amoxil"). An item containing an allergy's ingredient, or a
// member of its class, is an allergy (CONTRAINDICATED); a member of a class that cross-reacts
// (classes.ts, CROSS_REACTIVITY) is a cross-reactivity finding at the rule's severity. When
// neither side is in the catalogue, the allergy's own words appearing in the item's name still
// count: a free-text allergy to a drug the catalogue does not know is never silently ignored.

export type ActiveAllergy = { id: string; substance: string; severity: string; ingredientId: string | null; drugClass: string | null };

type Target = { ingredients: Set<string>; classes: Set<DrugClass>; words: string };

const SEVERE = new Set(["SEVERE", "LIFE_THREATENING"]);
/** The allergy's own words must be at least this long to be matched against an item's name. */
const MIN_TEXT = 4;

export function allergyTarget(catalogue: DrugCatalogue, allergy: ActiveAllergy): Target {
  const match = matchText(catalogue, allergy.substance, { classes: true });
  if (allergy.ingredientId && catalogue.ingredients.has(allergy.ingredientId)) match.ingredients.add(allergy.ingredientId);
  if (isDrugClass(allergy.drugClass)) match.classes.add(allergy.drugClass);
  return { ...match, words: drugSearchName(allergy.substance) };
}

type Candidate = {
  kind: "allergy" | "cross_reactivity"; severity: SafetySeverity; ingredient: string; code: string;
  fromClass?: DrugClass; toClass?: DrugClass; source?: string;
};

const better = (a: Candidate | null, b: Candidate) =>
  !a || SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] || (b.severity === a.severity && a.kind !== "allergy" && b.kind === "allergy");

function candidateFor(catalogue: DrugCatalogue, allergy: ActiveAllergy, target: Target, item: ResolvedItem): Candidate | null {
  let best: Candidate | null = null;
  const offer = (c: Candidate) => { if (better(best, c)) best = c; };
  for (const ing of item.ingredients) {
    if (target.ingredients.has(ing.id)) offer({ kind: "allergy", severity: "CONTRAINDICATED", ingredient: ing.name, code: "findings.allergyIngredient" });
    const itemClasses = ing.classes as DrugClass[];
    // Classes the allergy states (coded or written), then the classes of the ingredients it names.
    const stated = [...target.classes];
    const viaIngredients = [...target.ingredients].flatMap((id) => (catalogue.ingredients.get(id)?.classes ?? []) as DrugClass[]);
    for (const c of stated) {
      if (itemClasses.includes(c)) offer({ kind: "allergy", severity: "CONTRAINDICATED", ingredient: ing.name, code: "findings.allergyClass", fromClass: c, toClass: c });
    }
    for (const c of [...stated, ...viaIngredients]) {
      for (const d of itemClasses) {
        const rule = crossRule(c, d);
        if (!rule) continue;
        const escalated = rule.kind === "cross_reactivity" && rule.escalate && SEVERE.has(allergy.severity) && SEVERITY_RANK[rule.severity] < SEVERITY_RANK.MAJOR;
        offer({
          kind: rule.kind, severity: rule.kind === "allergy" ? "CONTRAINDICATED" : escalated ? "MAJOR" : rule.severity,
          ingredient: ing.name, code: rule.kind === "allergy" ? "findings.allergyClass" : "findings.crossReactivity",
          fromClass: c, toClass: d, source: rule.source,
        });
      }
    }
  }
  if (!best && target.words.length >= MIN_TEXT && ` ${item.text} `.includes(` ${target.words} `)) {
    offer({ kind: "allergy", severity: "CONTRAINDICATED", ingredient: allergy.substance, code: "findings.allergyText" });
  }
  return best;
}

export function allergyFindings(catalogue: DrugCatalogue, allergies: readonly ActiveAllergy[], items: readonly ResolvedItem[]): SafetyFinding[] {
  const findings: SafetyFinding[] = [];
  for (const allergy of allergies) {
    const target = allergyTarget(catalogue, allergy);
    for (const item of items) {
      const c = candidateFor(catalogue, allergy, target, item);
      if (!c) continue;
      findings.push({
        key: `${c.kind === "allergy" ? "allergy" : "cross"}:${allergy.id}:${item.position}`,
        kind: c.kind, severity: c.severity, blocking: isBlocking(c.severity), positions: [item.position], ingredients: [c.ingredient],
        code: c.code,
        params: {
          substance: allergy.substance, drug: item.drugName, ingredient: c.ingredient, allergySeverity: allergy.severity,
          ...(c.fromClass ? { fromClass: c.fromClass } : {}), ...(c.toClass ? { toClass: c.toClass } : {}),
        },
        ...(c.source ? { source: c.source } : {}),
      });
    }
  }
  return findings;
}
