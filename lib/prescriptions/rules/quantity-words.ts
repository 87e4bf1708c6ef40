// Quantities in words, as Portaria SVS/MS 344/1998 asks of controlled prescriptions ("quantidade
// por extenso") and as every receituário of the clinic prints them: "2 (duas) caixas".
//
// Why not a library: `extenso` (the maintained one, MIT) needs Node ≥ 22.20 since 3.0 while the
// project supports ≥ 20.19, and a prescription only ever needs whole numbers below a million with
// the unit's grammatical gender ("duas caixas", "dois frascos", "duzentas cápsulas"). That much
// of Portuguese fits in the tables below and is tested form by form in quantity-words.test.ts.

export type Gender = "m" | "f";

export const MAX_WORDS_QUANTITY = 999_999;

const ONES: Record<Gender, readonly string[]> = {
  m: ["zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"],
  f: ["zero", "uma", "duas", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"],
};
const TEENS = ["dez", "onze", "doze", "treze", "quatorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove"];
const TENS = ["", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"];
const HUNDREDS: Record<Gender, readonly string[]> = {
  m: ["", "cento", "duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos", "setecentos", "oitocentos", "novecentos"],
  f: ["", "cento", "duzentas", "trezentas", "quatrocentas", "quinhentas", "seiscentas", "setecentas", "oitocentas", "novecentas"],
};

function belowHundred(n: number, gender: Gender): string {
  if (n < 10) return ONES[gender][n]!;
  if (n < 20) return TEENS[n - 10]!;
  const unit = n % 10;
  return unit === 0 ? TENS[Math.floor(n / 10)]! : `${TENS[Math.floor(n / 10)]} e ${ONES[gender][unit]}`;
}

function belowThousand(n: number, gender: Gender): string {
  if (n === 100) return "cem";
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return belowHundred(rest, gender);
  return rest === 0 ? HUNDREDS[gender][hundreds]! : `${HUNDREDS[gender][hundreds]} e ${belowHundred(rest, gender)}`;
}

/**
 * `n` (0…999 999) in words, agreeing with a unit of `gender`: "mil" is invariable and the
 * numeral before it agrees with the noun ("duas mil cápsulas"). The thousands are joined to the
 * rest with "e" when the rest is below one hundred or a round hundred ("mil e duzentos",
 * "mil e cinco"), and with a plain space otherwise ("mil duzentos e trinta").
 */
export function numberInWords(n: number, gender: Gender = "m"): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORDS_QUANTITY) throw new RangeError(`no words for ${n}`);
  if (n < 1000) return belowThousand(n, gender);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 1 ? "mil" : `${belowThousand(thousands, gender)} mil`;
  if (rest === 0) return head;
  const joiner = rest < 100 || rest % 100 === 0 ? " e " : " ";
  return `${head}${joiner}${belowThousand(rest, gender)}`;
}
