// Citus readiness, proven on the catalog of the migrated database: the schema can be distributed
// by tenant_id exactly as docs/scaling.md says (every key and every tenant-to-tenant foreign key
// carries tenant_id, every other table is a listed reference table, and the calls written there
// run in an order Citus accepts). A table added tomorrow that is neither fails here.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCitusCatalog, orderProblems, readinessProblems, type ReadinessPolicy } from "@/lib/testing/citus-catalog";
import { closeOwnerPool, withOwnerClient } from "@/lib/testing/factories";

const POLICY: ReadinessPolicy = {
  // Platform data and reference data: small, read everywhere, copied to every node.
  reference: [
    "tenants", "roles", "permissions", "role_permissions", "plans", "feature_flags",
    "cid10_chapters", "cid10_codes", "drug_ingredients", "medications", "medication_ingredients",
    "drug_interactions", "platform_users",
  ],
  // Plain tables on the coordinator: the migration runner's bookkeeping, and the platform's own
  // logs (written only by the platform area, which runs there, and never joined with clinic data).
  local: ["_prisma_migrations", "platform_login_attempts", "platform_security_events", "platform_audit_logs"],
  // Tenant tables whose primary key has not been converted yet: none. A table listed here fails
  // the test as soon as it is converted, so an exemption cannot outlive its need.
  pendingPrimaryKey: [],
};

const catalog = await withOwnerClient((c) => loadCitusCatalog(c));
const tenantTables = catalog.tables.filter((t) => t.tenant).map((t) => t.name).sort();

type Call = { fn: "create_reference_table" | "create_distributed_table"; table: string; column?: string; colocateWith?: string };

async function scalingDocCalls(): Promise<Call[]> {
  const doc = await readFile(join(process.cwd(), "docs", "scaling.md"), "utf8");
  const pattern = /SELECT (create_reference_table|create_distributed_table)\('([a-z0-9_]+)'(?:, '([a-z0-9_]+)')?(?:, colocate_with => '([a-z0-9_]+)')?\);/g;
  return [...doc.matchAll(pattern)].map((m) => ({
    fn: m[1] as Call["fn"], table: m[2]!, column: m[3], colocateWith: m[4],
  }));
}

afterAll(async () => {
  await closeOwnerPool();
});

describe("the schema, as Citus would see it", () => {
  it("finds the tables (so the checks below are not vacuous)", () => {
    expect(tenantTables).toEqual(expect.arrayContaining(["patients", "appointments", "users", "audit_logs"]));
    expect(tenantTables.length).toBeGreaterThanOrEqual(30);
    expect(catalog.keys.filter((k) => k.kind === "x").map((k) => k.name)).toContain("appointments_no_overlap");
    expect(catalog.fks.length).toBeGreaterThanOrEqual(60);
  });

  it("every key and tenant foreign key carries tenant_id; every other table is a reference table", () => {
    expect(readinessProblems(catalog, POLICY)).toEqual([]);
  });

  it("the primary key of every converted tenant table is exactly (tenant_id, id)", () => {
    const exempt = new Set(POLICY.pendingPrimaryKey);
    const composite = ["tenant_feature_flags", "agenda_insurers"]; // natural composite keys, tenant_id first
    const odd = catalog.keys
      .filter((k) => k.kind === "p" && tenantTables.includes(k.table) && !exempt.has(k.table) && !composite.includes(k.table))
      .filter((k) => k.cols.join(",") !== "tenant_id,id")
      .map((k) => `${k.table}: (${k.cols.join(", ")})`);
    expect(odd).toEqual([]);
  });
});

describe("docs/scaling.md", () => {
  it("distributes every tenant table by tenant_id, co-located, and makes every other table a reference table", async () => {
    const calls = await scalingDocCalls();
    const distributed = calls.filter((c) => c.fn === "create_distributed_table");
    const reference = calls.filter((c) => c.fn === "create_reference_table").map((c) => c.table);
    expect([...reference].sort()).toEqual([...POLICY.reference].sort());
    expect(distributed.map((c) => c.table).sort()).toEqual(tenantTables);
    expect(new Set(calls.map((c) => c.table)).size).toBe(calls.length);
    const [anchor, ...rest] = distributed;
    expect(anchor).toMatchObject({ column: "tenant_id", colocateWith: undefined });
    expect(rest.filter((c) => c.column !== "tenant_id" || c.colocateWith !== anchor!.table)).toEqual([]);
  });

  it("orders the calls so that every table's foreign keys point at tables already converted", async () => {
    const calls = await scalingDocCalls();
    const order = calls.map((c) => c.table);
    expect(orderProblems(catalog, order)).toEqual([]);
    const lastReference = Math.max(...calls.flatMap((c, i) => (c.fn === "create_reference_table" ? [i] : [])));
    expect(calls.findIndex((c) => c.fn === "create_distributed_table")).toBeGreaterThan(lastReference);
  });
});

describe("the check itself", () => {
  it("fails for a new table that is neither tenant-keyed nor listed, and for keys without tenant_id", async () => {
    const problems = await withOwnerClient(async (c) => {
      await c.query("BEGIN");
      try {
        await c.query("CREATE TABLE citus_probe_global (id int PRIMARY KEY)");
        await c.query(`CREATE TABLE citus_probe_tenant (
          id uuid PRIMARY KEY, tenant_id uuid NOT NULL, code text UNIQUE,
          parent_id uuid REFERENCES citus_probe_tenant (id),
          patient_id uuid, FOREIGN KEY (tenant_id, patient_id) REFERENCES patients (tenant_id, id))`);
        await c.query("CREATE TABLE citus_probe_nullable (tenant_id uuid, id uuid, PRIMARY KEY (id))");
        return readinessProblems(await loadCitusCatalog(c), POLICY);
      } finally {
        await c.query("ROLLBACK");
      }
    });
    expect(problems.sort()).toEqual([
      "citus_probe_global: neither a tenant table (no tenant_id) nor a listed reference table",
      "citus_probe_nullable: citus_probe_nullable_pkey (id) does not include tenant_id",
      "citus_probe_nullable: tenant_id may be NULL (a distribution column cannot be)",
      "citus_probe_tenant: citus_probe_tenant_code_key (code) does not include tenant_id",
      "citus_probe_tenant: citus_probe_tenant_parent_id_fkey (parent_id) → citus_probe_tenant(id) does not pair tenant_id",
      "citus_probe_tenant: citus_probe_tenant_pkey (id) does not include tenant_id",
    ]);
  });

  it("fails when an exemption outlives its need, or a foreign key is distributed before its target", () => {
    // vital_signs is converted: an exemption still naming it must be reported.
    const stale = { ...POLICY, pendingPrimaryKey: ["vital_signs"] };
    expect(readinessProblems(catalog, stale)).toContain("vital_signs: primary key includes tenant_id now; remove the exemption");
    expect(orderProblems(catalog, ["appointments", "patients"]))
      .toContain("appointments is distributed before patients, which its appointments_tenant_id_patient_id_fkey references");
  });
});
