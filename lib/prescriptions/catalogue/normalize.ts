import { normalizeText } from "@/lib/ehr/cid10/search-index";

// How drug names are compared: the catalogue, ANVISA's PRINCIPIO_ATIVO, a doctor's free text and
// an allergy typed at the desk all meet here. Client-safe (pure functions).

/** Lower case, no accents, punctuation as single spaces: "Ácido Acetilsalicílico" → "acido acetilsalicilico". */
export const drugSearchName = (value: string): string => normalizeText(value);

// Salts, esters and hydrates that name the same active moiety: ANVISA registers
// "CLORIDRATO DE SERTRALINA" and "LOSARTANA POTÁSSICA", the catalogue holds "sertralina" and
// "losartana". Only used after an exact match failed, so ingredients whose salt is the drug
// ("carbonato de lítio", "cloreto de potássio", "sulfato ferroso") still match themselves first.
const SALT_PREFIXES = [
  "cloridrato", "dicloridrato", "bromidrato", "sulfato", "bissulfato", "hemissulfato", "fosfato", "difosfato",
  "maleato", "besilato", "mesilato", "dimesilato", "succinato", "tartarato", "hemitartarato", "bitartarato",
  "citrato", "acetato", "fumarato", "hemifumarato", "oxalato", "valerato", "propionato", "dipropionato",
  "furoato", "cipionato", "undecilato", "enantato", "decanoato", "palmitato", "benzoato", "lactato", "nitrato",
  "xinafoato", "brometo", "butilbrometo", "estolato", "estearato", "etilsuccinato", "tosilato", "hiclato",
  "levomalato", "malato", "mesilato de etexilato", "etexilato", "cloreto", "iodeto", "hidrogenotartarato",
  "dimaleato", "pamoato", "embonato", "gliconato", "gluconato", "lisinato", "trometamol", "trometamina",
];
const SALT_SUFFIXES = new Set([
  "sodica", "sodico", "dissodica", "dissodico", "monossodica", "monossodico", "potassica", "potassico",
  "calcica", "calcico", "magnesica", "magnesico", "zincica", "monoidratada", "monoidratado", "diidratada",
  "diidratado", "triidratada", "triidratado", "trihidratada", "trihidratado", "pentaidratado", "pentaidratada",
  "heptaidratado", "heptaidratada", "sesquiidratado", "hemiidratado", "hemiidratada", "hidratada", "hidratado",
  "anidra", "anidro", "hiclato", "cilexetila", "medoxomila", "axetila", "erbumina", "trometamol", "trometamina",
  "dietilamonio", "resinato", "base", "micronizada", "micronizado", "clatrato", "racemica", "racemico",
]);
// "tri-hidratada", "mono-hidratado" arrive as two words after normalisation.
const HYDRATE_WORDS = /\b(mono|di|tri|tetra|penta|hexa|hepta|hemi|sesqui)\s+hidratad[ao]s?\b/g;
const CATION_TAIL = /\s+de\s+(sodio|potassio|calcio|magnesio|zinco)$/;

/** The active moiety of a salt or hydrate name (already normalised): "cloridrato de sertralina" → "sertralina". */
export function stripSalt(normalized: string): string {
  let name = normalized.replace(HYDRATE_WORDS, " ").replace(/\s+/g, " ").trim();
  for (let pass = 0; pass < 3; pass++) {
    const before = name;
    for (const prefix of SALT_PREFIXES) {
      if (name.startsWith(`${prefix} de `)) { name = name.slice(prefix.length + 4); break; }
    }
    name = name.replace(CATION_TAIL, "");
    const words = name.split(" ");
    while (words.length > 1 && SALT_SUFFIXES.has(words[words.length - 1]!)) words.pop();
    name = words.join(" ");
    if (name === before) break;
  }
  return name;
}

/** Several ingredients in one field ("PARACETAMOL + FOSFATO DE CODEÍNA"), each trimmed, empties dropped. */
export function splitIngredients(value: string): string[] {
  return value.split(/\s*\+\s*/).map((s) => s.trim()).filter(Boolean);
}

const SMALL_WORDS = new Set(["de", "da", "do", "das", "dos", "e", "com"]);

/**
 * A brand as ANVISA prints it (upper case) in the case people write it: "AMOXIL BD" → "Amoxil BD".
 * Words of one to three letters stay upper case (they are mostly abbreviations: BD, XR, DC);
 * words with digits are kept as they are.
 */
export function brandCase(value: string): string {
  if (value !== value.toUpperCase()) return value.trim();
  return value.trim().split(/\s+/).map((word, i) => {
    if (/\d/.test(word) || word.length <= 3 && !SMALL_WORDS.has(word.toLowerCase())) return word;
    const lower = word.toLowerCase();
    if (i > 0 && SMALL_WORDS.has(lower)) return lower;
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  }).join(" ");
}
