import { formatCpf, generateCpf } from "@brazilian-utils/brazilian-utils";
import { expect, test, type Page } from "@playwright/test";
import { decryptField } from "../../lib/crypto/field-encryption";
import { parseKeyring } from "../../lib/crypto/keyring";
import { dumpDatabase } from "../../lib/testing/database-dump";
import { ownerQuery } from "../support/db";
import { signedInAs } from "../support/sessions";
import { DEMO_PASSWORD, e2eEnv, tenantUrl } from "../support/state";

// Runs last (Playwright runs files in name order with one worker; `zz-after/`): after the whole
// suite has registered, edited, booked and cancelled, it types its own marker values through the
// UI and the API, then dumps the e2e database with pg_dump and looks for personal data in clear.
// - audit_logs: no name, phone, e-mail or street of ANY patient in the database (the suite's
//   and the seed's), and none of this spec's markers;
// - the whole database (but the public catalogues' data): no appointment reason (visit, encaixe, cancellation), allergic reaction
//   or waitlist note. Those are sealed, so the spec opens every sealed value with the e2e keyring
//   to learn the plain texts the suite typed, and checks its own markers are among them (the
//   check cannot pass by finding nothing).

const RUN = Date.now().toString(36);
const MARK = {
  preName: `Quitéria Marcadora ${RUN}`, prePhone: "(47) 99654-3210", prePhoneDigits: "47996543210",
  reaction: `Edema marcador ${RUN}`,
  apiName: `Epaminondas Marcador ${RUN}`, apiPhoneDigits: "47991230099", newPhoneDigits: "4733445566",
  street: `Rua do Marcador ${RUN}`, email: `marcador-${RUN}@example.test`,
  reason: `Motivo marcador ${RUN}: dor ao deitar`, encaixe: `Encaixe marcador ${RUN}`, cancel: `Cancelado marcador ${RUN}`,
};

// Public catalogues (DATASUS CID-10, drugs) share words with what clinicians write ("Urticária",
// "Dor lombar"): their data is left out of the whole-database dump, as it is no one's data.
const REFERENCE_TABLES = [
  "cid10_chapters", "cid10_codes", "drug_ingredients", "medications", "medication_ingredients", "drug_interactions",
];

/** The dump as text (one table's data, or the whole database but the public catalogues' data). */
const dump = (table?: string) =>
  dumpDatabase(e2eEnv().DATABASE_URL!, table ? { tables: [table] } : { excludeData: REFERENCE_TABLES });

/**
 * True when `text` is stored whole somewhere in the dump: as a COPY field (tab-separated, with
 * COPY's escapes), as a field of a row's text form, or as a JSON string (quotes doubled inside a
 * row). A generic text the suite typed ("Retorno") may well occur inside some unrelated longer
 * text; stored in clear, it would be a field or a JSON value.
 */
function storedWhole(dumpText: string, text: string): boolean {
  const esc = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const copy = text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  const copyField = new RegExp(`(^|\t)${esc(copy)}(\t|$)`, "m");
  // A row's own text form (the dump without pg_dump): `(a,"two words",b)`, quotes doubled.
  const quoted = `"${text.replace(/\\/g, "\\\\").replace(/"/g, '""')}"`;
  const rowField = new RegExp(`[(,](${esc(quoted)}|${esc(text)})[,)]`);
  return copyField.test(dumpText) || rowField.test(dumpText) || dumpText.includes(JSON.stringify(text))
    || dumpText.includes(JSON.stringify(text).replace(/"/g, '""'));
}

/** Every sealed free-text value in the database, opened with the e2e server's keyring. */

async function sealedFreeTexts(): Promise<string[]> {
  const spec = e2eEnv().FIELD_ENCRYPTION_KEYS!;
  const ids = spec.split(",").map((part) => part.split(":")[0]!.trim());
  const ring = parseKeyring(spec, ids[ids.length - 1]!);
  const columns = [
    ["appointments", "reason"], ["appointments", "encaixe_reason"], ["appointments", "cancellation_reason"],
    ["patient_allergies", "reaction"], ["waitlist_entries", "notes"],
  ] as const;
  const texts: string[] = [];
  for (const [table, column] of columns) {
    const rows = await ownerQuery<{ tenant_id: string; v: string }>(`SELECT tenant_id, ${column}_enc AS v FROM ${table} WHERE ${column}_enc IS NOT NULL`);
    texts.push(...rows.map((r) => decryptField(ring, r.v, `${r.tenant_id}:${table}.${column}`)));
  }
  return texts;
}

type Answer = { status: number; body: Record<string, unknown> };

/** One /api/v1 call made by the browser (Node cannot resolve `*.localhost`; Chromium maps it). */
async function api(page: Page, method: string, path: string, data: unknown, token?: string): Promise<Answer> {
  return page.evaluate(async ({ method, path, data, token }) => {
    const res = await fetch(path, {
      method, body: JSON.stringify(data),
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { status: res.status, body: await res.json() };
  }, { method, path, data, token });
}

test.describe.configure({ mode: "serial" });

test.describe("markers typed through the app", () => {
  test.use({ storageState: signedInAs("recepcao@demo.prontivus.dev") });

  test("the desk pre-registers a patient and records an allergy in the browser", async ({ page }) => {
    await page.goto(tenantUrl("demo", "/patients/new?modo=rapido"));
    await page.getByLabel("Nome completo").fill(MARK.preName);
    await page.getByLabel("Telefone").fill(MARK.prePhone);
    await page.getByRole("button", { name: "Pré-cadastrar" }).click();
    await expect(page.getByRole("heading", { level: 1, name: MARK.preName })).toBeVisible();
    await page.getByLabel("Substância").fill("Dipirona");
    await page.getByLabel("Reação").fill(MARK.reaction);
    await page.getByLabel("Gravidade").selectOption("SEVERE");
    await page.getByRole("button", { name: "Registrar alergia" }).click();
    await expect(page.getByText(MARK.reaction)).toBeVisible();
  });

  test("the API registers and edits a patient, books an encaixe with reasons and cancels it", async ({ page }) => {
    await page.goto(tenantUrl("demo", "/"));
    const login = await api(page, "POST", "/api/v1/auth/login", { email: "recepcao@demo.prontivus.dev", password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    const form = {
      fullName: MARK.apiName, cpf: formatCpf(generateCpf()), birthDate: "05/06/1977", sex: "MALE", phone: MARK.apiPhoneDigits,
      email: MARK.email, cep: "89010-000", street: MARK.street, number: "12", city: "Blumenau", uf: "SC",
    };
    const created = await api(page, "POST", "/api/v1/patients", form, token);
    expect(created.status).toBe(201);
    const patientId = created.body.id as string;
    expect((await api(page, "PUT", `/api/v1/patients/${patientId}`, { ...form, phone: MARK.newPhoneDigits }, token)).status).toBe(200);
    const [agenda] = await ownerQuery<{ id: string }>(
      "SELECT a.id FROM agendas a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'demo' AND a.active AND a.accepts_private ORDER BY a.name LIMIT 1");
    const startsAt = new Date(Date.now() + 20 * 86_400_000);
    startsAt.setUTCHours(2, 30, 0, 0); // 23:30 in São Paulo: outside every agenda, as an encaixe may be
    const booked = await api(page, "POST", "/api/v1/appointments", {
      agendaId: agenda!.id, patientId, startsAt: startsAt.toISOString(), reason: MARK.reason, isEncaixe: true, encaixeReason: MARK.encaixe,
    }, token);
    expect(booked).toMatchObject({ status: 201, body: { reason: MARK.reason, encaixeReason: MARK.encaixe } });
    const cancelled = await api(page, "PUT", `/api/v1/appointments/${booked.body.id as string}`, { status: "CANCELLED", cancellationReason: MARK.cancel }, token);
    expect(cancelled).toMatchObject({ status: 200, body: { status: "CANCELLED", cancellationReason: MARK.cancel } });
  });
});

test.describe("the dump", () => {
  test("audit_logs holds no patient's name, phone, e-mail or street", async () => {
    const trail = await dump("audit_logs");
    expect(trail).toContain("patient.updated"); // the suite's rows are in it…
    const patients = await ownerQuery<{ full_name: string; social_name: string | null; phone: string | null; email: string | null; street: string | null }>(
      "SELECT full_name, social_name, phone, email, street FROM patients");
    expect(patients.map((p) => p.full_name)).toEqual(expect.arrayContaining([MARK.preName, MARK.apiName]));
    const values = new Set(patients.flatMap((p) => [p.full_name, p.social_name, p.phone, p.email, p.street]).filter((v): v is string => !!v && v.length >= 6));
    for (const v of [MARK.prePhoneDigits, MARK.apiPhoneDigits, MARK.newPhoneDigits]) values.add(v);
    const leaked = [...values].filter((v) => trail.includes(v));
    expect(leaked).toEqual([]); // …their personal values are not
  });

  test("the whole database holds no appointment reason, allergic reaction or waitlist note in clear", async () => {
    const typed = await sealedFreeTexts();
    expect(typed).toEqual(expect.arrayContaining([MARK.reaction, MARK.reason, MARK.encaixe, MARK.cancel]));
    const whole = await dump();
    // This spec's markers are unique: found anywhere, even inside another text, they leaked.
    expect([MARK.reaction, MARK.reason, MARK.encaixe, MARK.cancel].filter((m) => whole.includes(m))).toEqual([]);
    // Everything else the suite and the seed typed: not stored whole anywhere.
    expect([...new Set(typed)].filter((v) => storedWhole(whole, v))).toEqual([]);
  });
});
