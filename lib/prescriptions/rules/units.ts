import { numberInWords, type Gender } from "./quantity-words";

// The units a quantity to dispense is counted in. A fixed list, so that the words always agree
// with the unit ("uma caixa", "dois frascos") and a pharmacy never reads an invented unit. The
// printed words are Portuguese in every locale: the receituário is a Brazilian document.

type Unit = { singular: string; plural: string; gender: Gender };

export const QUANTITY_UNITS = {
  caixa: { singular: "caixa", plural: "caixas", gender: "f" },
  frasco: { singular: "frasco", plural: "frascos", gender: "m" },
  comprimido: { singular: "comprimido", plural: "comprimidos", gender: "m" },
  capsula: { singular: "cápsula", plural: "cápsulas", gender: "f" },
  dragea: { singular: "drágea", plural: "drágeas", gender: "f" },
  ampola: { singular: "ampola", plural: "ampolas", gender: "f" },
  frascoAmpola: { singular: "frasco-ampola", plural: "frascos-ampola", gender: "m" },
  bisnaga: { singular: "bisnaga", plural: "bisnagas", gender: "f" },
  tubo: { singular: "tubo", plural: "tubos", gender: "m" },
  envelope: { singular: "envelope", plural: "envelopes", gender: "m" },
  sache: { singular: "sachê", plural: "sachês", gender: "m" },
  adesivo: { singular: "adesivo", plural: "adesivos", gender: "m" },
  caneta: { singular: "caneta", plural: "canetas", gender: "f" },
  seringa: { singular: "seringa", plural: "seringas", gender: "f" },
  supositorio: { singular: "supositório", plural: "supositórios", gender: "m" },
  ovulo: { singular: "óvulo", plural: "óvulos", gender: "m" },
  unidade: { singular: "unidade", plural: "unidades", gender: "f" },
} as const satisfies Record<string, Unit>;

export type QuantityUnitKey = keyof typeof QUANTITY_UNITS;
export const QUANTITY_UNIT_KEYS = Object.keys(QUANTITY_UNITS) as [QuantityUnitKey, ...QuantityUnitKey[]];

/** The largest quantity of one item: a year of four tablets a day is 1,460. */
export const MAX_QUANTITY = 9999;

/** As printed: `{ unit: "caixas", words: "duas" }` for 2 caixas. */
export function quantityText(quantity: number, unit: QuantityUnitKey): { unit: string; words: string } {
  const u: Unit = QUANTITY_UNITS[unit];
  return { unit: quantity === 1 ? u.singular : u.plural, words: numberInWords(quantity, u.gender) };
}

/** The key of a printed unit word (singular or plural), for a stored item read back into the editor. */
export function unitKeyOf(printed: string): QuantityUnitKey | null {
  for (const key of QUANTITY_UNIT_KEYS) {
    const u: Unit = QUANTITY_UNITS[key];
    if (u.singular === printed || u.plural === printed) return key;
  }
  return null;
}
