// One stable JSON serialisation for everything that is hashed or signed: idempotency request
// hashes, cursor filters and the content of signed clinical documents. Equal values give equal
// bytes whatever their key order, which is what makes a SHA-256 over them meaningful.
//
// The shape follows RFC 8785 (JCS) where it matters here: keys sorted by UTF-16 code units at
// every depth, no whitespace, numbers and strings as ECMAScript's JSON.stringify writes them.
// Like JSON.stringify: `toJSON` is honoured (Dates become ISO strings), undefined, functions and
// symbols are dropped from objects and become null in arrays, non-finite numbers become null.

/** Deeper than any document we sign; a cyclic or hostile value stops here instead of the stack. */
export const CANONICAL_JSON_MAX_DEPTH = 200;

export class CanonicalJsonError extends Error {
  override name = "CanonicalJsonError";
}

export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

function write(input: unknown, depth: number): string {
  if (depth > CANONICAL_JSON_MAX_DEPTH) {
    throw new CanonicalJsonError(`value nests deeper than ${CANONICAL_JSON_MAX_DEPTH} levels (or is cyclic)`);
  }
  const value = prepare(input);
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => write(item, depth + 1)).join(",")}]`;
  }
  const entries = Object.keys(value)
    .map((key) => [key, prepare((value as Record<string, unknown>)[key])] as const)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, depth + 1)}`).join(",")}}`;
}

/** What JSON.stringify would serialise in place of `value` (undefined: nothing). */
function prepare(value: unknown): unknown {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return prepare((value as { toJSON: () => unknown }).toJSON());
  }
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value === "bigint") throw new CanonicalJsonError("BigInt has no JSON form; convert it to a string first");
  return value;
}
