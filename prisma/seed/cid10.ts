import { fileURLToPath } from "node:url";
import type { SeedDb, SeedTx } from "./db";
import { readCsv } from "./csv";

// CID-10 from the DATASUS CID10CSV files (prisma/data/cid10/README.md says how codes are built).
// ~14k rows: skipped entirely when the table already holds them, batched otherwise.

const DIR = fileURLToPath(new URL("../data/cid10/", import.meta.url));

type CodeRow = {
  code: string; category: string; description: string; shortDescription: string;
  sexRestriction: string | null; validCauseOfDeath: boolean; isCategory: boolean;
};

/** "A00   Colera" → "Colera": the abbreviation repeats the code, which has its own column. */
const withoutCode = (s: string) => s.replace(/^[A-Z]\d{2}(\.\d)?[*+]?\s*/, "").trim();
const sex = (s: string) => (s === "F" || s === "M" ? s : null);

function chapters() {
  const rows = readCsv(DIR + "CID-10-CAPITULOS.CSV", ["NUMCAP", "CATINIC", "CATFIM", "DESCRICAO", "DESCRABREV"]);
  return rows.map((r) => ({
    number: Number(r.NUMCAP),
    firstCategory: r.CATINIC,
    lastCategory: r.CATFIM,
    description: r.DESCRICAO.replace(/^Cap[ií]tulo\s+[IVXL]+\s*-\s*/, "").replace(/\s+/g, " "),
    shortDescription: r.DESCRABREV.replace(/^[IVXL]+\.\s*/, "").replace(/\s+/g, " "),
  }));
}

function codes(): CodeRow[] {
  const cats = readCsv(DIR + "CID-10-CATEGORIAS.CSV", ["LETRA", "NÚMERO", "CLASSIF", "DESCRICAO", "DESCRABREV", "REFER"]);
  const subs = readCsv(DIR + "CID-10-SUBCATEGORIAS.CSV", [
    "LETRA", "CATEGORIA", "SUBCATEGORIA", "CLASSIF", "RESTRSEXO", "CAUSAOBITO", "DESCRICAO", "DESCRABREV", "REFER", "EXCLUIDOS",
  ]);
  const subRows: CodeRow[] = [];
  // Categories without subdivision appear in SUBCATEGORIAS with an empty SUBCATEGORIA: they are
  // the category itself, so they only contribute their sex/cause-of-death attributes.
  const undivided = new Map<string, { sex: string | null; death: boolean }>();
  for (const r of subs) {
    const category = r.LETRA + r.CATEGORIA.padStart(2, "0");
    const attrs = { sex: sex(r.RESTRSEXO), death: r.CAUSAOBITO !== "N" };
    if (r.SUBCATEGORIA === "") { undivided.set(category, attrs); continue; }
    subRows.push({
      code: `${category}.${r.SUBCATEGORIA}`, category, description: r.DESCRICAO,
      shortDescription: withoutCode(r.DESCRABREV), sexRestriction: attrs.sex,
      validCauseOfDeath: attrs.death, isCategory: false,
    });
  }
  const byCategory = new Map<string, CodeRow[]>(); // Map.groupBy needs Node 21; engines allow 20
  for (const s of subRows) {
    const list = byCategory.get(s.category);
    if (list) list.push(s);
    else byCategory.set(s.category, [s]);
  }
  const catRows = cats.map((r): CodeRow => {
    const code = r.LETRA + r.NÚMERO.padStart(2, "0");
    const children = byCategory.get(code) ?? [];
    const own = undivided.get(code);
    const sexes = new Set(children.map((c) => c.sexRestriction));
    return {
      code, category: code, description: r.DESCRICAO, shortDescription: withoutCode(r.DESCRABREV),
      // A subdivided category is restricted only when every subcategory shares the restriction.
      sexRestriction: own ? own.sex : sexes.size === 1 ? [...sexes][0]! : null,
      validCauseOfDeath: own ? own.death : children.some((c) => c.validCauseOfDeath),
      isCategory: true,
    };
  });
  const known = new Set(catRows.map((c) => c.code));
  const orphan = [...undivided.keys(), ...subRows.map((s) => s.category)].find((c) => !known.has(c));
  if (orphan) throw new Error(`CID-10: subcategory of unknown category ${orphan}`);
  return [...catRows, ...subRows];
}

/**
 * What the files hold (see README): checked after parsing, so a changed file must update these;
 * in exchange a rerun compares two counts and skips reading 1.5 MB of CSV.
 */
const EXPECTED = { chapters: 22, codes: 14_233 } as const;

// One INSERT … SELECT FROM unnest(arrays) per table: 14k rows in one round trip instead of
// thousands of bind parameters per batch.
async function insertCodes(tx: SeedTx, rows: CodeRow[]): Promise<number> {
  const col = <K extends keyof CodeRow>(k: K) => rows.map((r) => r[k]);
  return tx.$executeRaw`
    INSERT INTO cid10_codes (code, category, description, short_description, sex_restriction, valid_cause_of_death, is_category)
    SELECT * FROM unnest(${col("code")}::text[], ${col("category")}::text[], ${col("description")}::text[],
      ${col("shortDescription")}::text[], ${col("sexRestriction")}::text[], ${col("validCauseOfDeath")}::boolean[],
      ${col("isCategory")}::boolean[])
    ON CONFLICT (code) DO NOTHING`;
}

export async function seedCid10(db: SeedDb): Promise<{ chapters: number; codes: number; inserted: number }> {
  const [haveChapters, haveCodes] = await Promise.all([db.cid10Chapter.count(), db.cid10Code.count()]);
  if (haveChapters === EXPECTED.chapters && haveCodes === EXPECTED.codes) {
    return { chapters: haveChapters, codes: haveCodes, inserted: 0 };
  }
  const chapterRows = chapters();
  const codeRows = codes();
  if (chapterRows.length !== EXPECTED.chapters || codeRows.length !== EXPECTED.codes) {
    throw new Error(`CID-10 files hold ${chapterRows.length} chapters / ${codeRows.length} codes; update EXPECTED`);
  }
  const inserted = await db.$transaction(async (tx) => {
    const c = await tx.cid10Chapter.createMany({ data: chapterRows, skipDuplicates: true });
    return c.count + (await insertCodes(tx, codeRows));
  }, { timeout: 120_000 });
  return { chapters: chapterRows.length, codes: codeRows.length, inserted };
}
