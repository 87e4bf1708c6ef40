import { readFileSync } from "node:fs";

// A small RFC 4180 reader (";" separated, "" escapes a quote) for the DATASUS files, so the seed
// needs no CSV dependency. Rows are objects keyed by the header, checked against what the
// caller expects: a renamed column fails loudly instead of loading empty descriptions.

/** Fields of one record; only records with quotes take the slow path (a few dozen of 12k). */
function splitRecord(line: string, sep: string): string[] {
  if (!line.includes('"')) return line.split(sep);
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) { fields.push(field); field = ""; }
    else field += c;
  }
  fields.push(field);
  return fields;
}

/** Physical lines joined back into records when a quoted field spans a line break. */
function records(text: string): string[] {
  const out: string[] = [];
  let pending: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const record: string = pending === undefined ? line : `${pending}\n${line}`;
    const quotes = record.split('"').length - 1;
    if (quotes % 2 === 1) { pending = record; continue; }
    pending = undefined;
    if (record !== "") out.push(record);
  }
  if (pending !== undefined) throw new Error("CSV ends inside a quoted field");
  return out;
}

export function readCsv<K extends string>(file: string, columns: readonly K[], sep = ";"): Record<K, string>[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const [header, ...body] = records(text).map((r) => splitRecord(r, sep));
  if (!header || header.join(sep) !== columns.join(sep)) {
    throw new Error(`${file}: expected header ${columns.join(sep)}, found ${header?.join(sep)}`);
  }
  return body.map((r, n) => {
    if (r.length !== columns.length) throw new Error(`${file}: record ${n + 2} has ${r.length} fields`);
    return Object.fromEntries(columns.map((c, i) => [c, r[i]!.trim()])) as Record<K, string>;
  });
}
