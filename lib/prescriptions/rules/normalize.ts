// The matching form of a drug or ingredient name: lower case, no accents, words separated by one
// space (the catalogue's `search_name` is built the same way: lower-cased and unaccented).
export function matchingName(value: string): string {
  return value.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}
