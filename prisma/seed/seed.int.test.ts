// The seed against a database of its own (the shared integration database stays untouched):
// idempotent, visible to the app role only inside its tenant, CPFs sealed and indexed.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidCpf } from "@/lib/br/documents";
import { lookupHash, openField } from "@/lib/crypto/config";
import { databaseUrlFor, freshDatabaseName, TEST_SERVER_URL } from "@/lib/testing/test-env";
import { migrate } from "@/scripts/lib/migrations";
import { seed } from "./index";

const name = freshDatabaseName("prontivus_seed");
const ownerUrl = databaseUrlFor(name);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const TABLES = [
  "tenants", "users", "user_roles", "role_permissions", "plans", "cid10_codes", "insurance_providers", "agendas",
  "agenda_insurers", "patients", "patient_allergies", "consents", "appointments", "financial_transactions", "audit_logs",
];

const counts = () => withClient(ownerUrl, async (c) => {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await c.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  return out;
});

const tenantId = (slug: string) => withClient(ownerUrl, async (c) =>
  (await c.query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [slug])).rows[0]!.id);

describe("db:seed", () => {
  beforeAll(async () => {
    await withClient(TEST_SERVER_URL, (c) => c.query(`CREATE DATABASE ${name}`));
    await migrate(ownerUrl, { log: () => {} });
    await seed(ownerUrl);
  }, 120_000);

  afterAll(async () => {
    await withClient(TEST_SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it("changes nothing when run again", async () => {
    const before = await counts();
    expect(before).toMatchObject({ tenants: 2, patients: 220, cid10_codes: 14_233 });
    await seed(ownerUrl);
    expect(await counts()).toEqual(before);
  });

  it("shows each tenant its own rows, and none without a tenant, to the app role", async () => {
    const [demo, vida] = [await tenantId("demo"), await tenantId("vida")];
    await withClient(databaseUrlFor(name, "prontivus_app"), async (c) => {
      const patients = async (tenant: string) => {
        await c.query("BEGIN");
        if (tenant) await c.query("SELECT set_config('app.tenant_id', $1, true)", [tenant]);
        const n = Number((await c.query("SELECT count(*) AS n FROM patients")).rows[0].n);
        await c.query("COMMIT");
        return n;
      };
      expect(await patients(demo)).toBe(200);
      expect(await patients(vida)).toBe(20);
      expect(await patients("")).toBe(0);
    });
  });

  it("stores CPFs sealed to their tenant with a matching blind index", async () => {
    const demo = await tenantId("demo");
    const rows = await withClient(ownerUrl, async (c) => (await c.query<{ cpf_enc: string; cpf_hash: string }>(
      "SELECT cpf_enc, cpf_hash FROM patients WHERE tenant_id = $1 LIMIT 20", [demo])).rows);
    for (const r of rows) {
      const cpf = openField(demo, "patients.cpf", r.cpf_enc);
      expect(isValidCpf(cpf)).toBe(true);
      expect(lookupHash(demo, "cpf", cpf)).toBe(r.cpf_hash);
    }
  });

  it("links the portal patient to exactly one patient record with an upcoming appointment", async () => {
    const rows = await withClient(ownerUrl, async (c) => (await c.query(`
      SELECT p.id, count(a.id) FILTER (WHERE a.starts_at > now()) AS upcoming
      FROM patients p JOIN users u ON u.id = p.user_id LEFT JOIN appointments a ON a.patient_id = p.id
      WHERE u.email = 'paciente@demo.prontivus.dev' GROUP BY p.id`)).rows);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].upcoming)).toBeGreaterThanOrEqual(1);
  });
});
