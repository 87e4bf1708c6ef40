import { parse } from "csv-parse/sync";
import { brandCase, drugSearchName, splitIngredients } from "./normalize";

// Reading ANVISA's open-data file of registered medicines (DADOS_ABERTOS_MEDICAMENTOS.csv, from
// dados.anvisa.gov.br): ";"-separated, every field quoted, Latin-1 (Windows-1252 in practice) or
// UTF-8, several active ingredients in one field joined by " + ". Pure: bytes in, rows out.

export const ANVISA_HEADER = [
  "TIPO_PRODUTO", "NOME_PRODUTO", "DATA_FINALIZACAO_PROCESSO", "CATEGORIA_REGULATORIA", "NUMERO_REGISTRO_PRODUTO",
  "DATA_VENCIMENTO_REGISTRO", "NUMERO_PROCESSO", "CLASSE_TERAPEUTICA", "EMPRESA_DETENTORA_REGISTRO", "SITUACAO_REGISTRO", "PRINCIPIO_ATIVO",
] as const;
type Column = (typeof ANVISA_HEADER)[number];
export type AnvisaRecord = Record<Column, string>;

/**
 * The file's text. UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252:
 * the superset of Latin-1 that ANVISA's exports actually use (curly quotes, en dashes), and what
 * the WHATWG decoder gives for the "latin1" label anyway.
 */
export function decodeAnvisaFile(bytes: Uint8Array): { text: string; encoding: "utf-8" | "latin1" } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "latin1" };
  }
}

export class AnvisaFormatError extends Error {
  override name = "AnvisaFormatError";
}

/** Records keyed by the header, which must be ANVISA's (a renamed column fails loudly); short or long rows are returned as null. */
export function parseAnvisaCsv(text: string): (AnvisaRecord | null)[] {
  const rows = parse(text, { delimiter: ";", bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: true }) as string[][];
  const [header, ...body] = rows;
  const names = header?.map((h) => h.trim().toUpperCase());
  if (!names || names.join(";") !== ANVISA_HEADER.join(";")) {
    throw new AnvisaFormatError(`expected header ${ANVISA_HEADER.join(";")}, found ${header?.join(";") ?? "nothing"}`);
  }
  return body.map((r) => (r.length === ANVISA_HEADER.length
    ? Object.fromEntries(ANVISA_HEADER.map((c, i) => [c, r[i]!])) as AnvisaRecord
    : null));
}

/** "31/12/2029" or "2029-12-31" as a date (UTC midnight); anything else null. */
export function anvisaDate(value: string): Date | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value) ?? null;
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : date;
}

export type AnvisaProduct = {
  registry: string;
  name: string;
  brandName: string | null;
  holder: string | null;
  regulatoryCategory: string | null;
  therapeuticClass: string | null;
  registryValidUntil: Date | null;
  /** As written, in order ("FOSFATO DE CODEÍNA"). */
  ingredients: string[];
};

export type RowVerdict =
  | { kind: "product"; product: AnvisaProduct }
  | { kind: "not_valid"; status: string; registry: string }
  | { kind: "not_medicine" }
  | { kind: "malformed" }
  | { kind: "no_ingredient" };

const cut = (v: string, max: number) => (v ? v.slice(0, max) : null);

/** What one record is: a product to keep, or why not. Generics are named by their ingredient, brands by ANVISA's name. */
export function classifyRecord(record: AnvisaRecord | null): RowVerdict {
  if (!record) return { kind: "malformed" };
  const registry = record.NUMERO_REGISTRO_PRODUTO.replace(/\D/g, "");
  if (!registry || registry.length > 20 || !record.NOME_PRODUTO) return { kind: "malformed" };
  if (record.TIPO_PRODUTO && drugSearchName(record.TIPO_PRODUTO) !== "medicamento") return { kind: "not_medicine" };
  if (drugSearchName(record.SITUACAO_REGISTRO) !== "valido") return { kind: "not_valid", status: record.SITUACAO_REGISTRO || "—", registry };
  const ingredients = splitIngredients(record.PRINCIPIO_ATIVO);
  if (ingredients.length === 0) return { kind: "no_ingredient" };
  const generic = drugSearchName(record.CATEGORIA_REGULATORIA) === "generico";
  const name = (generic ? record.NOME_PRODUTO.toLowerCase() : brandCase(record.NOME_PRODUTO)).slice(0, 300);
  return {
    kind: "product",
    product: {
      registry, name, brandName: generic ? null : name.slice(0, 200),
      holder: cut(record.EMPRESA_DETENTORA_REGISTRO, 200), regulatoryCategory: cut(record.CATEGORIA_REGULATORIA, 60),
      therapeuticClass: cut(record.CLASSE_TERAPEUTICA, 200), registryValidUntil: anvisaDate(record.DATA_VENCIMENTO_REGISTRO),
      ingredients,
    },
  };
}
