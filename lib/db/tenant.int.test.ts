// withTenant: the tenant, user and request live exactly as long as the transaction; an error
// undoes all of it; and the filter guard applies to the transaction client too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { asOwner, closeOwnerPool, createPatient, createTenant, createUser, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { forgetTenant, findTenant } from "@/lib/tenancy/current";
import { appPrisma, disconnectDb, NestedConnectionError } from "./client";
import { UnsafeFilterError } from "./guard-extension";
import { withTenant } from "./tenant";

// One connection in the pool, so "the next query" provably runs on the connection the
// transaction used (checked with pg_backend_pid below as well).
const previousPoolSize = process.env.DATABASE_POOL_SIZE;
process.env.DATABASE_POOL_SIZE = "1";

type Settings = { pid: number; tenant: string | null; user: string | null; request: string | null };
const readSettings = `SELECT pg_backend_pid() AS pid,
  nullif(current_setting('app.tenant_id', true), '') AS tenant,
  nullif(current_setting('app.user_id', true), '') AS "user",
  nullif(current_setting('app.request_id', true), '') AS request`;

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant();
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
  if (previousPoolSize === undefined) delete process.env.DATABASE_POOL_SIZE;
  else process.env.DATABASE_POOL_SIZE = previousPoolSize;
});

describe("withTenant", () => {
  it("sets app.tenant_id, app.user_id and app.request_id for the transaction only", async () => {
    const user = await createUser(tenant, { roles: ["secretary"] });
    const scope = scopeFor(tenant, user);

    const inside = await withTenant(scope, (tx) => tx.$queryRawUnsafe<Settings[]>(readSettings));
    expect(inside[0]).toMatchObject({ tenant: tenant.id, user: user.id, request: scope.requestId });

    const after = await appPrisma().$queryRawUnsafe<Settings[]>(readSettings);
    expect(after[0]).toEqual({ pid: inside[0]!.pid, tenant: null, user: null, request: null });
    // And outside a transaction the app role sees none of the tenant's rows.
    expect(await appPrisma().user.count()).toBe(0);
  });

  it("sets an empty app.user_id when there is no user", async () => {
    const [row] = await withTenant(scopeFor(tenant), (tx) => tx.$queryRawUnsafe<Settings[]>(readSettings));
    expect(row).toMatchObject({ tenant: tenant.id, user: null });
  });

  it("refuses to run without a tenant", async () => {
    await expect(withTenant({ tenantId: "", requestId: "r", user: null }, async () => 1)).rejects.toThrow(/tenantId/);
  });

  it("rolls back everything when fn throws: no half-written change, no audit row", async () => {
    const fresh = await createTenant();
    const scope = scopeFor(fresh);
    const failure = withTenant(scope, async (tx) => {
      const patient = await tx.patient.create({ data: { fullName: "Meio Escrito", searchName: "meio escrito" } });
      await recordAudit(tx, scope, { action: "patient.create", entityType: "patient", entityId: patient.id });
      await tx.patient.update({ where: { tenantId_id: { tenantId: fresh.id, id: patient.id } }, data: { phone: "11988887777" } });
      throw new Error("boom after the writes");
    });
    await expect(failure).rejects.toThrow("boom after the writes");

    const [counts] = await asOwner<{ patients: number; audits: number }>(
      `SELECT (SELECT count(*)::int FROM patients WHERE tenant_id = $1) AS patients,
              (SELECT count(*)::int FROM audit_logs WHERE tenant_id = $1) AS audits`,
      [fresh.id],
    );
    expect(counts).toEqual({ patients: 0, audits: 0 });
  });

  it("commits fn's writes together when it succeeds", async () => {
    const fresh = await createTenant();
    const scope = scopeFor(fresh);
    const id = await withTenant(scope, async (tx) => {
      const patient = await tx.patient.create({ data: { fullName: "Inteiro", searchName: "inteiro" } });
      await recordAudit(tx, scope, { action: "patient.create", entityType: "patient", entityId: patient.id });
      return patient.id;
    });
    const rows = await asOwner<{ tenant_id: string; entity_id: string }>(
      "SELECT tenant_id, entity_id FROM audit_logs WHERE tenant_id = $1", [fresh.id]);
    expect(rows).toEqual([{ tenant_id: fresh.id, entity_id: id }]);
  });

  it("the filter guard throws through withTenant for an undefined id, before touching a row", async () => {
    const patient = await createPatient(tenant, { fullName: "Intocado" });
    const before = await asOwner("SELECT * FROM patients WHERE tenant_id = $1 ORDER BY id", [tenant.id]);

    const unsafe = withTenant(scopeFor(tenant), (tx) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      tx.patient.update({ where: { tenantId_id: { tenantId: tenant.id, id: undefined as any } }, data: { fullName: "Todos" } }));
    await expect(unsafe).rejects.toThrow(UnsafeFilterError);
    await expect(withTenant(scopeFor(tenant), (tx) =>
      tx.patient.updateMany({ where: { OR: [{ id: undefined }] }, data: { fullName: "Todos" } })))
      .rejects.toThrow(/filter "OR.id" is undefined/);

    expect(await asOwner("SELECT * FROM patients WHERE tenant_id = $1 ORDER BY id", [tenant.id])).toEqual(before);
    expect(before.map((p) => p.id)).toContain(patient.id);
  });
});

describe("a second connection inside a transaction", () => {
  // The pool has one connection: a transaction that waited for another would wait forever
  // (until maxWait), which under load is every connection of a real pool at once.
  it("is refused at once for a nested transaction, and the outer one rolls back", async () => {
    const started = performance.now();
    await expect(withTenant(scopeFor(tenant), () => withTenant(scopeFor(tenant), async () => 1)))
      .rejects.toBeInstanceOf(NestedConnectionError);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("is not needed for a cache lookup that misses: those have a pool of their own", async () => {
    forgetTenant(tenant.slug);
    const found = await withTenant(scopeFor(tenant), () => findTenant(tenant.slug));
    expect(found?.id).toBe(tenant.id);
  });
});
