import fc from "fast-check";

// Hostile inputs for the fuzz test: what a client can put into a field, a query string, a path
// segment or a body. Field names are the ones our schemas read, so the values reach the checks
// they attack instead of being dropped as unknown keys.

export const FIELDS = [
  "fullName", "name", "socialName", "cpf", "cns", "passport", "birthDate", "email", "phone", "password",
  "passwordConfirmation", "currentPassword", "token", "code", "challenge", "refreshToken", "method", "startsAt",
  "endsAt", "agendaId", "patientId", "doctorId", "userId", "invitationId", "allergyId", "sessionId", "id", "status",
  "to", "reason", "cancellationReason", "encaixeReason", "isEncaixe", "durationMinutes", "modality", "notes",
  "earliest", "latest", "date", "q", "from", "limit", "cursor", "page", "role", "roles", "terms", "consentEmail",
  "consentSms", "crm", "crmUf", "street", "city", "uf", "cep", "substance", "reaction", "severity", "locale",
  "intent", "insuranceProviderId", "slotMinutes", "workingHours", "emergencyContacts", "communication",
  "staffIdleMinutes", "reminderOffsetsHours", "ansCode", "cnpj", "destination", "channel",
] as const;

const NASTY = [
  "\u0000", "a\u0000b", "Maria\u0000Silva", "\uD800", "\uDFFF", "ab\uDBFFc", "\uDC00\uD800",
  "x".repeat(5000), "José ".repeat(2000), "'; DROP TABLE patients; --", "\" OR 1=1 --", "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>", "😀👩‍⚕️🏥", "\u202Eabc\u200F\u200E", "%00", "%2e%2e%2f", "../../etc/passwd", "${7*7}",
  "{{7*7}}", "$K1", "$@0", "$Q1", "$h1", "$undefined", "__proto__", "constructor", "NaN", "Infinity", "-Infinity", "-1",
  "0", "1e400", "99999999999999999999999", "-0", "0x10", "0000-01-01", "0001-01-01", "9999-12-31",
  "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-01-01T10:00:00+99:99",
  "2026-13-45T25:61", "01/01/0001", "31/12/9999", "30/02/2026", "", " ", "\t\r\n", "true", "null",
  "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "admin@demo.prontivus.dev\u0000",
] as const;

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
  { weight: 1, arbitrary: fc.uuid() },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 0.5, Number.NaN, Number.POSITIVE_INFINITY),
  fc.integer(),
  fc.double(),
);

const scalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

/** A JSON-ish value: scalars, or arrays/objects where scalars belong, nested a few levels. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), hostileString), tie("value"), { maxKeys: 5 }),
})).value;

/** `{"a":[{"a":[…]}]}` nested `depth` levels, as text (JSON.stringify itself recurses). */
export function deepJson(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => (i % 2 ? "[" : '{"a":')).join("");
  const close = Array.from({ length: depth }, (_, i) => (i % 2 ? "]" : "}")).reverse().join("");
  return `${open}"x"${close}`;
}

/** A body in the shape our routes read: known fields with hostile values, sometimes extra keys or not an object at all. */
export const hostileBody = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { minKeys: 1, maxKeys: 8 }) },
  { weight: 1, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.constant(JSON.parse(deepJson(40)) as unknown) },
);

/** Query parameters with hostile values. */
export const hostileQuery = fc.dictionary(fc.constantFrom(...FIELDS), hostileString, { maxKeys: 5 });

/** A path segment: hostile text, a random UUID, or a real id of the clinic. */
export const hostileSegment = (realIds: string[]) =>
  fc.oneof(hostileString.filter((s) => s.length > 0), fc.uuid(), fc.constantFrom(...realIds));
