// Hostile text and dates at the domain functions, through the app role (RLS live): each is a
// field error with the catalogued message, and nothing is written.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCpf, generateCpf } from "@/lib/br/documents";
import type { Context } from "@/lib/context";
import { disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addToWaitlist } from "@/lib/engagement/waitlist";
import { createPatient } from "@/lib/patients/mutations";
import { searchPatients } from "@/lib/patients/search";
import { registerPatient } from "@/lib/patients/self-registration";
import { bookAppointment } from "@/lib/scheduling/booking";
import { asOwner, closeOwnerPool, createTenant, createUser, ensureRoles, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { validationMessage } from "./messages";

let clinic: TestTenant;
let desk: Context;

beforeAll(async () => {
  await ensureRoles();
  clinic = await createTenant();
  desk = scopeFor(clinic, await createUser(clinic, { roles: ["secretary"] }), ["secretary"]);
});
afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const TABLES = ["users", "patients", "consents", "appointments", "waitlist_entries", "audit_logs", "two_factor_tokens"];
const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) =>
  [t, Number((await asOwner<{ n: string }>(`SELECT count(*) AS n FROM ${t} WHERE tenant_id = $1`, [clinic.id]))[0]!.n)] as const)));

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const NUL = validationMessage("nul");
const SURROGATE = validationMessage("surrogate");
const RANGE = validationMessage("dateRange", { min: 1900, max: 2100 });
const patientForm = (over: Record<string, unknown>) => ({
  fullName: "Helena Duarte Prado", cpf: formatCpf(generateCpf()), birthDate: "03/04/1985", phone: "(21) 99876-5432", ...over,
});
const signup = (over: Record<string, unknown>) => ({
  name: "Maria Clara Souza", cpf: generateCpf(), birthDate: "14/03/1985", email: `hostile-${randomUUID()}@example.test`,
  phone: "(11) 98765-4321", password: "girassol azul 2031", terms: "on", ...over,
});
const meta = () => ({ requestId: randomUUID(), ip: "203.0.113.9", userAgent: "vitest hostile" });
const noMail = { sendMail: async () => {} };

describe("hostile input is a field error and writes nothing", () => {
  it("NUL bytes and lone surrogates in a registration", async () => {
    const before = await snapshot();
    for (const [field, value, message] of [["fullName", "Helena\u0000Prado", NUL], ["street", "Rua \uD800", SURROGATE], ["socialName", "\uDC00", SURROGATE]] as const) {
      const e = await refusal(createPatient(desk, patientForm({ [field]: value })));
      expect([e.code, e.fields?.[field]]).toEqual(["validation", [message]]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("the unauthenticated self-registration: NUL in the name, 01/01/0001 and a future birth date", async () => {
    const before = await snapshot();
    expect((await refusal(registerPatient(clinic.slug, signup({ name: "Maria\u0000" }), meta(), noMail))).fields?.name).toEqual([NUL]);
    expect((await refusal(registerPatient(clinic.slug, signup({ email: "a\u0000@b.co" }), meta(), noMail))).fields?.email).toEqual([NUL]);
    expect((await refusal(registerPatient(clinic.slug, signup({ birthDate: "01/01/0001" }), meta(), noMail))).fields?.birthDate).toEqual([RANGE]);
    expect((await refusal(registerPatient(clinic.slug, signup({ birthDate: "01/01/2999" }), meta(), noMail))).fields?.birthDate).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it("search text: NUL refused as a field error, an over-long text cut instead of a thrown ZodError", async () => {
    const e = await refusal(searchPatients(desk, { q: "ma\u0000ria" }));
    expect([e.code, e.fields?.q]).toEqual(["validation", [NUL]]);
    await expect(searchPatients(desk, { q: "Helena ".repeat(3000) })).resolves.toMatchObject({ page: 1 });
  });

  it("instants and days out of range in booking and the waitlist", async () => {
    const before = await snapshot();
    const booking = { agendaId: randomUUID(), patientId: randomUUID(), startsAt: "9999-12-31T23:59:59Z" };
    expect((await refusal(bookAppointment(desk, booking))).fields?.startsAt).toEqual([RANGE]);
    const wait = { patientId: randomUUID(), earliest: "0001-01-01", latest: "9999-12-31", notes: "x\u0000" };
    const e = await refusal(addToWaitlist(desk, wait));
    expect([e.fields?.earliest, e.fields?.latest, e.fields?.notes]).toEqual([[RANGE], [RANGE], [NUL]]);
    expect(await snapshot()).toEqual(before);
  });
});
