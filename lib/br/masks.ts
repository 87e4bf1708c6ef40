// Brazilian document, phone, CEP and date masks for text as it is being typed: each takes what
// the field holds and gives it back formatted so far ("1234" → "123.4" for a CPF). The value a
// form sends is parsed by the same helpers as ever (lib/br/documents.ts, lib/patients/br-input.ts),
// so what is stored stays canonical whatever the mask shows. Client-safe and pure.

export type MaskKind = "cpf" | "cnpj" | "cns" | "phone" | "cep" | "date";

/** Places `seps` before the given indexes of `chars`: [[3, "."], [6, "."], [9, "-"]] → "000.000.000-00". */
function place(chars: string, seps: [number, string][]): string {
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    for (const [at, sep] of seps) if (at === i) out += sep;
    out += chars[i];
  }
  return out;
}

const digits = (v: string, max: number) => v.replace(/\D/g, "").slice(0, max);

function phone(v: string): string {
  // +55 (the country) is dropped once it is clear it is not an area code: more than 11 digits.
  const all = v.replace(/\D/g, "");
  const d = (all.length > 11 && all.startsWith("55") ? all.slice(2) : all).slice(0, 11);
  if (d.length === 0) return "";
  if (d.length <= 2) return `(${d}`;
  // A mobile has 11 digits and a 9 after the area code; a landline 10.
  const mobile = d.length === 11 || (d.length > 2 && d[2] === "9");
  return `(${d.slice(0, 2)}) ${place(d.slice(2), [[mobile ? 5 : 4, "-"]])}`;
}

/**
 * dd/mm/aaaa. Digits alone fill day, month and year in turn; a separator typed after a single
 * digit closes that part ("1/3/1978" → "01/03/1978"), so neither way of typing goes wrong.
 */
function date(v: string): string {
  const parts = v.split(/[^\d]+/);
  // A day or month part closed by a separator after one digit gets its leading zero.
  const d = parts.map((p, i) => (i < 2 && i < parts.length - 1 && p.length === 1 ? `0${p}` : p)).join("");
  return place(digits(d, 8), [[2, "/"], [4, "/"]]);
}

const FORMAT: Record<MaskKind, (v: string) => string> = {
  cpf: (v) => place(digits(v, 11), [[3, "."], [6, "."], [9, "-"]]),
  // The alphanumeric CNPJ (from July 2026): letters or digits in the first twelve, digits last.
  cnpj: (v) => {
    const head = v.toUpperCase().replace(/[^0-9A-Z]/g, "").slice(0, 12);
    const tail = head.length === 12 ? digits(v.toUpperCase().replace(/[^0-9A-Z]/g, "").slice(12), 2) : "";
    return place(head + tail, [[2, "."], [5, "."], [8, "/"], [12, "-"]]);
  },
  cns: (v) => place(digits(v, 15), [[3, " "], [7, " "], [11, " "]]),
  phone,
  cep: (v) => place(digits(v, 8), [[5, "-"]]),
  date,
};

export function formatTyped(kind: MaskKind, value: string): string {
  return FORMAT[kind](value);
}

const significant = (kind: MaskKind, c: string) => (kind === "cnpj" ? /[0-9A-Za-z]/.test(c) : /\d/.test(c));

/**
 * `value` formatted, and where the caret goes: after as many letters and digits as stood before
 * it in `value`, so editing in the middle keeps the caret where the person was typing.
 */
export function maskTyping(kind: MaskKind, value: string, caret: number): { value: string; caret: number } {
  const formatted = formatTyped(kind, value);
  let before = [...value.slice(0, caret)].filter((c) => significant(kind, c)).length;
  let at = 0;
  while (at < formatted.length && before > 0) {
    if (significant(kind, formatted[at]!)) before--;
    at++;
  }
  // Past separators the mask has just written, so the next character lands after them.
  while (at < formatted.length && !significant(kind, formatted[at]!) && caret >= value.length) at++;
  return { value: formatted, caret: at };
}
