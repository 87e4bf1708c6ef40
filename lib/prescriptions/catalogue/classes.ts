// Therapeutic and allergy classes of the drug catalogue (drug_ingredients.classes and
// patient_allergies.drug_class hold these keys) and the cross-reactivity table the safety check
// applies. Client-safe: no database, no Node APIs. Labels live in the message catalogues under
// `prescriptionCatalogue.classes.<key>`; sources of each rule are cited below and in
// docs/prescriptions.md.

export const DRUG_CLASSES = [
  // β-lactams and other antibacterials
  "beta_lactam", "penicillin", "aminopenicillin_side_chain", "cephalosporin", "carbapenem", "monobactam",
  "sulfonamide", "sulfonamide_nonantibiotic", "macrolide", "fluoroquinolone", "tetracycline", "aminoglycoside",
  "glycopeptide", "lincosamide", "nitroimidazole", "oxazolidinone", "antituberculosis", "azole_antifungal",
  // analgesics and anti-inflammatories
  "nsaid", "cox2_inhibitor", "salicylate", "pyrazolone", "opioid", "opioid_phenanthrene", "corticosteroid",
  // nervous system
  "benzodiazepine", "z_drug", "barbiturate", "ssri", "snri", "tricyclic", "maoi", "antipsychotic",
  "aromatic_anticonvulsant", "anticonvulsant", "triptan", "stimulant",
  // cardiovascular and metabolism
  "anticoagulant", "antiplatelet", "statin", "ace_inhibitor", "arb", "beta_blocker", "calcium_channel_blocker",
  "thiazide", "loop_diuretic", "potassium_sparing", "nitrate", "pde5_inhibitor", "antiarrhythmic",
  "sulfonylurea", "insulin", "ppi",
  // other allergy groups
  "local_anesthetic_amide", "local_anesthetic_ester", "iodinated_contrast",
] as const;

export type DrugClass = (typeof DRUG_CLASSES)[number];

const KNOWN = new Set<string>(DRUG_CLASSES);
export const isDrugClass = (value: unknown): value is DrugClass => typeof value === "string" && KNOWN.has(value);

/**
 * Classes an allergy can be coded to in the patient's record (the allergy form's class picker):
 * the groups people are told they are allergic to. The others exist for display and matching.
 */
export const ALLERGY_CLASSES: readonly DrugClass[] = [
  "beta_lactam", "penicillin", "cephalosporin", "carbapenem", "sulfonamide", "macrolide", "fluoroquinolone",
  "tetracycline", "aminoglycoside", "nitroimidazole", "nsaid", "cox2_inhibitor", "salicylate", "pyrazolone",
  "opioid", "corticosteroid", "benzodiazepine", "aromatic_anticonvulsant", "ace_inhibitor",
  "local_anesthetic_amide", "local_anesthetic_ester", "iodinated_contrast", "azole_antifungal",
];

/**
 * Classes a member implies: every penicillin, cephalosporin and carbapenem is a β-lactam, so an
 * allergy recorded as "betalactâmicos" matches them. Monobactams are deliberately not implied:
 * aztreonam does not cross-react with penicillins (only with ceftazidime, through a side chain).
 */
const IMPLIES: Partial<Record<DrugClass, readonly DrugClass[]>> = {
  penicillin: ["beta_lactam"],
  cephalosporin: ["beta_lactam"],
  carbapenem: ["beta_lactam"],
  opioid_phenanthrene: ["opioid"],
};

/** The stored classes plus the ones they imply, without repeats, unknown keys dropped. */
export function effectiveClasses(stored: readonly string[]): DrugClass[] {
  const out = new Set<DrugClass>();
  for (const c of stored) {
    if (!isDrugClass(c)) continue;
    out.add(c);
    for (const implied of IMPLIES[c] ?? []) out.add(implied);
  }
  return [...out];
}

export type Severity = "CONTRAINDICATED" | "MAJOR" | "MODERATE" | "MINOR";
export const SEVERITY_RANK: Record<Severity, number> = { MINOR: 0, MODERATE: 1, MAJOR: 2, CONTRAINDICATED: 3 };

/**
 * One row of the cross-reactivity table: a patient allergic to a member of `from` is given a
 * member of `to`.
 * - kind "allergy": the class is one allergy (the labels contraindicate every member after a
 *   reaction to one), always CONTRAINDICATED.
 * - kind "cross_reactivity": a documented but partial cross-reaction; `severity` is the warning,
 *   raised to MAJOR (blocking) when the recorded reaction was severe or life-threatening.
 * A patient allergic to a class itself (coded class, or "penicilina" in free text) is allergic
 * to every member of it without any rule: that is the record's own statement.
 */
export type CrossReactivityRule = {
  from: DrugClass;
  to: DrugClass;
  kind: "allergy" | "cross_reactivity";
  severity: Severity;
  /** Raise to MAJOR when the recorded allergy is SEVERE or LIFE_THREATENING. */
  escalate: boolean;
  /** Where the rule comes from (public references; docs/prescriptions.md lists them in full). */
  source: string;
};

const PRACTICE_PARAMETER_2022 =
  "Khan DA et al. Drug allergy: a 2022 practice parameter update. J Allergy Clin Immunol 2022;150(6):1333-1393";
const LABEL = (what: string) => `FDA label (DailyMed): ${what}, 4 Contraindications / 5 Warnings`;

const same = (c: DrugClass, source: string): CrossReactivityRule =>
  ({ from: c, to: c, kind: "allergy", severity: "CONTRAINDICATED", escalate: false, source });
const cross = (from: DrugClass, to: DrugClass, severity: Severity, source: string, escalate = true): CrossReactivityRule =>
  ({ from, to, kind: "cross_reactivity", severity, escalate, source });

/**
 * Severity choices, and why:
 * - Penicillin → cephalosporin / carbapenem (and back): MODERATE, MAJOR after a severe reaction.
 *   Cross-reactivity is about 1–2 % for cephalosporins and under 1 % for carbapenems, mostly
 *   explained by shared R1 side chains; the 2022 practice parameter lets a patient with a
 *   non-anaphylactic penicillin history receive a cephalosporin or carbapenem without testing,
 *   and asks for caution (test dose, alternatives) after anaphylaxis or a severe cutaneous
 *   reaction. A warning a doctor can act on, then, and a block only after a severe reaction.
 * - Shared aminopenicillin R1 side chain (amoxicilina, ampicilina ↔ cefalexina, cefadroxila,
 *   cefaclor): MAJOR. The practice parameter singles these pairs out as the ones that do cross-react.
 * - NSAID ↔ NSAID / salicylate: MAJOR. Most NSAID hypersensitivity is cross-reactive (COX-1
 *   inhibition; EAACI/ENDA position paper, Kowalski ML et al., Allergy 2013;68:1219-32) and the
 *   NSAID labels contraindicate them after "asthma, urticaria, or other allergic-type reactions
 *   after taking aspirin or other NSAIDs". COX-2 selective drugs are tolerated by most such
 *   patients (same paper): MODERATE. Dipirona (pyrazolone) cross-reacts in cross-intolerant
 *   patients: MODERATE.
 * - Sulfonamide antibiotic → non-antibiotic sulfonamide (furosemida, hidroclorotiazida,
 *   sulfonilureias): MINOR. No specific cross-reaction: Strom BL et al., N Engl J Med
 *   2003;349:1628-35 (the excess risk is a general predisposition to allergy, the same as after
 *   a penicillin allergy).
 * - Aromatic anticonvulsants (carbamazepina, oxcarbazepina, fenitoína, fenobarbital, lamotrigina):
 *   MAJOR. Carbamazepine's label: 25–30 % of patients with a hypersensitivity to carbamazepine
 *   react to oxcarbazepine, and cross-hypersensitivity with phenytoin occurs.
 * - Phenanthrene opioids (morfina, codeína, oxicodona…): MODERATE; true opioid allergy is rare and
 *   most reactions are histamine release (practice parameter 2022, opioids).
 * - Amide local anaesthetics among themselves: MODERATE (cross-reaction is uncommon); esters
 *   share the PABA metabolite and are one allergy.
 * - ACE inhibitor (angioedema) → ARB: MODERATE (labels of the ARBs warn; angioedema recurs in a
 *   small fraction of patients switched to an ARB).
 */
export const CROSS_REACTIVITY: readonly CrossReactivityRule[] = [
  same("penicillin", `${LABEL("amoxicillin")}; ${PRACTICE_PARAMETER_2022}`),
  cross("penicillin", "cephalosporin", "MODERATE", `${PRACTICE_PARAMETER_2022}; ${LABEL("cephalexin")}`),
  cross("penicillin", "carbapenem", "MODERATE", `${PRACTICE_PARAMETER_2022}; ${LABEL("meropenem")}`),
  cross("aminopenicillin_side_chain", "aminopenicillin_side_chain", "MAJOR", PRACTICE_PARAMETER_2022, false),
  same("cephalosporin", LABEL("cephalexin: known allergy to the cephalosporin group")),
  cross("cephalosporin", "penicillin", "MODERATE", PRACTICE_PARAMETER_2022),
  cross("cephalosporin", "carbapenem", "MODERATE", PRACTICE_PARAMETER_2022),
  same("carbapenem", LABEL("meropenem: other drugs in the same class")),
  cross("carbapenem", "penicillin", "MODERATE", PRACTICE_PARAMETER_2022),
  cross("carbapenem", "cephalosporin", "MODERATE", PRACTICE_PARAMETER_2022),
  same("sulfonamide", LABEL("sulfamethoxazole and trimethoprim: hypersensitivity to sulfonamides")),
  cross("sulfonamide", "sulfonamide_nonantibiotic", "MINOR", "Strom BL et al. N Engl J Med 2003;349:1628-35", false),
  same("macrolide", LABEL("azithromycin: any macrolide or ketolide")),
  same("fluoroquinolone", LABEL("ciprofloxacin: any member of the quinolone class")),
  same("tetracycline", LABEL("doxycycline: any of the tetracyclines")),
  same("aminoglycoside", LABEL("gentamicin: cross-allergenicity among aminoglycosides")),
  same("nitroimidazole", LABEL("metronidazole: other nitroimidazole derivatives")),
  cross("azole_antifungal", "azole_antifungal", "MODERATE", LABEL("fluconazole: hypersensitivity to other azoles")),
  cross("nsaid", "nsaid", "MAJOR", `Kowalski ML et al. Allergy 2013;68:1219-32; ${LABEL("ibuprofen")}`, false),
  cross("nsaid", "salicylate", "MAJOR", `Kowalski ML et al. Allergy 2013;68:1219-32; ${LABEL("aspirin")}`, false),
  cross("nsaid", "cox2_inhibitor", "MODERATE", "Kowalski ML et al. Allergy 2013;68:1219-32"),
  cross("nsaid", "pyrazolone", "MODERATE", "Kowalski ML et al. Allergy 2013;68:1219-32"),
  same("salicylate", LABEL("aspirin")),
  cross("salicylate", "nsaid", "MAJOR", `Kowalski ML et al. Allergy 2013;68:1219-32; ${LABEL("ibuprofen")}`, false),
  cross("salicylate", "cox2_inhibitor", "MODERATE", "Kowalski ML et al. Allergy 2013;68:1219-32"),
  cross("salicylate", "pyrazolone", "MODERATE", "Kowalski ML et al. Allergy 2013;68:1219-32"),
  same("cox2_inhibitor", LABEL("celecoxib")),
  cross("cox2_inhibitor", "nsaid", "MODERATE", "Kowalski ML et al. Allergy 2013;68:1219-32"),
  same("pyrazolone", "Bula Novalgina (dipirona), ANVISA Bulário Eletrônico: hipersensibilidade a pirazolonas"),
  cross("pyrazolone", "nsaid", "MODERATE", "Kowalski ML et al. Allergy 2013;68:1219-32"),
  cross("pyrazolone", "salicylate", "MODERATE", "Kowalski ML et al. Allergy 2013;68:1219-32"),
  cross("opioid_phenanthrene", "opioid_phenanthrene", "MODERATE", PRACTICE_PARAMETER_2022),
  same("benzodiazepine", "Bula Rivotril (clonazepam), ANVISA Bulário Eletrônico: hipersensibilidade aos benzodiazepínicos"),
  cross("aromatic_anticonvulsant", "aromatic_anticonvulsant", "MAJOR", LABEL("carbamazepine: cross-hypersensitivity with oxcarbazepine and phenytoin"), false),
  same("ace_inhibitor", LABEL("enalapril: history of angioedema related to previous ACE inhibitor treatment")),
  cross("ace_inhibitor", "arb", "MODERATE", LABEL("losartan: angioedema")),
  same("local_anesthetic_ester", PRACTICE_PARAMETER_2022),
  cross("local_anesthetic_amide", "local_anesthetic_amide", "MODERATE", PRACTICE_PARAMETER_2022),
];

const RULES = new Map<string, CrossReactivityRule>(CROSS_REACTIVITY.map((r) => [`${r.from}>${r.to}`, r]));

/** The rule for an allergy to a member of `from` meeting a member of `to`, if the table has one. */
export function crossRule(from: DrugClass, to: DrugClass): CrossReactivityRule | undefined {
  return RULES.get(`${from}>${to}`);
}

/** Portaria SVS/MS 344/1998 lists, strictest first (notificação A, B, retinoids/talidomida, receita de controle especial). */
export const CONTROL_LISTS = ["A1", "A2", "A3", "B1", "B2", "C3", "C2", "C1", "C5", "C4"] as const;
export type ControlList = (typeof CONTROL_LISTS)[number];

/** The strictest of the lists given (null when none is controlled). */
export function strictestControlList(lists: readonly (string | null | undefined)[]): string | null {
  let best: string | null = null;
  let rank = Infinity;
  for (const list of lists) {
    if (!list) continue;
    const r = (CONTROL_LISTS as readonly string[]).indexOf(list);
    const at = r < 0 ? CONTROL_LISTS.length : r;
    if (at < rank) { rank = at; best = list; }
  }
  return best;
}
