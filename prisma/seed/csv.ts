import { readFileSync } from "node:fs";

// A small RFC 4180 reader (";" separated, "" escapes a quote) for the DATASUS files, so the seed
// needs no CSV dependency. Rows are objects keyed by the header, checked against what the
// caller expects: a renamed column fails loudly instead of loading empty descriptions.

function parseFields(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

export function readCsv<K extends string>(file: string, columns: readonly K[], sep = ";"): Record<K, string>[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const [header, ...body] = parseFields(text, sep);
  if (!header || header.join(sep) !== columns.join(sep)) {
    throw new Error(`${file}: expected header ${columns.join(sep)}, found ${header?.join(sep)}`);
  }
  return body
    .filter((r) => !(r.length === 1 && r[0] === ""))
    .map((r, n) => {
      if (r.length !== columns.length) throw new Error(`${file}: row ${n + 2} has ${r.length} fields`);
      return Object.fromEntries(columns.map((c, i) => [c, r[i]!.trim()])) as Record<K, string>;
    });
}
