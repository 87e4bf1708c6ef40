// The audit trail: one row per recordAudit, numbered and hash-chained per tenant by the database
// even under concurrent writers, and any later edit or removal is found by the verifier (the
// library and the `audit:verify` CLI).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { asOwner, closeOwnerPool, createTenant, scopeFor, type TestTenant, withOwnerClient } from "@/lib/testing/factories";
import { recordAudit } from "./record";
import { verifyAuditChain } from "./verify";

const GENESIS = "0".repeat(64);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

type ChainRow = { seq: string; prev_hash: string; hash: string; action: string; request_id: string };

const chainOf = (tenant: TestTenant) =>
  asOwner<ChainRow>(
    "SELECT seq::text, prev_hash, hash, action, request_id FROM audit_logs a WHERE tenant_id = $1 ORDER BY a.seq",
    [tenant.id],
  );

/** Each row links to the one before it, from the genesis hash, with seq 1..n and no gap. */
function expectValidChain(rows: ChainRow[], n: number) {
  expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
  rows.forEach((row, i) => {
    expect(row.prev_hash).toBe(i === 0 ? GENESIS : rows[i - 1]!.hash);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });
}

async function audit(tenant: TestTenant, action: string) {
  const scope = scopeFor(tenant);
  await withTenant(scope, (tx) => recordAudit(tx, scope, { action, entityType: "test", entityId: action }));
  return scope.requestId;
}

async function tenantWithChain(n: number): Promise<TestTenant> {
  const tenant = await createTenant();
  for (let i = 1; i <= n; i++) await audit(tenant, `test.step${i}`);
  return tenant;
}

const verify = (tenant: TestTenant) => withOwnerClient((c) => verifyAuditChain(c, tenant.id));

function runCli(slug: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npx", ["tsx", "scripts/audit-verify.ts", "--tenant", slug],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: env().DATABASE_URL } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("recordAudit and the hash chain", () => {
  it("writes exactly one row per call, numbered 1, 2, 3 and chained from the genesis hash", async () => {
    const tenant = await createTenant();
    const requests: string[] = [];
    for (const step of [1, 2, 3]) {
      requests.push(await audit(tenant, `test.step${step}`));
      expect(await chainOf(tenant)).toHaveLength(step);
    }
    const rows = await chainOf(tenant);
    expectValidChain(rows, 3);
    expect(rows.map((r) => [r.action, r.request_id])).toEqual(requests.map((id, i) => [`test.step${i + 1}`, id]));
  });

  it("ignores seq, prev_hash and hash supplied by the writer", async () => {
    const tenant = await createTenant();
    await withTenant(scopeFor(tenant), (tx) => tx.auditLog.create({
      data: { action: "test.forged", entityType: "test", seq: 41, prevHash: "f".repeat(64), hash: "e".repeat(64) },
    }));
    expectValidChain(await chainOf(tenant), 1);
    expect(await verify(tenant)).toEqual({ rows: 1, firstBreak: null });
  });

  it("keeps a gap-free, valid sequence under 10 concurrent writers of one tenant", async () => {
    const tenant = await createTenant();
    await Promise.all(Array.from({ length: 10 }, (_, i) => audit(tenant, `test.parallel${i}`)));
    const rows = await chainOf(tenant);
    expectValidChain(rows, 10);
    expect(new Set(rows.map((r) => r.action)).size).toBe(10);
    expect(await verify(tenant)).toEqual({ rows: 10, firstBreak: null });
  });

  it("keeps each tenant's chain independent", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    await audit(a, "test.a1");
    await audit(b, "test.b1");
    await Promise.all([audit(a, "test.a2"), audit(b, "test.b2"), audit(a, "test.a3")]);
    const [chainA, chainB] = await Promise.all([chainOf(a), chainOf(b)]);
    expectValidChain(chainA, 3);
    expectValidChain(chainB, 2);
    expect(chainA.every((r) => r.action.startsWith("test.a"))).toBe(true);
    expect(chainB.map((r) => r.action).sort()).toEqual(["test.b1", "test.b2"]);
  });

  it("leaves no audit row when the surrounding transaction rolls back", async () => {
    const tenant = await tenantWithChain(1);
    const scope = scopeFor(tenant);
    await expect(withTenant(scope, async (tx) => {
      await recordAudit(tx, scope, { action: "test.doomed", entityType: "test" });
      throw new Error("the change failed");
    })).rejects.toThrow("the change failed");
    expectValidChain(await chainOf(tenant), 1);
    // The next row takes seq 2: the rolled-back one left no hole.
    await audit(tenant, "test.after");
    expectValidChain(await chainOf(tenant), 2);
  });
});

describe("verifyAuditChain", () => {
  it("reports an intact chain", async () => {
    const tenant = await tenantWithChain(3);
    expect(await verify(tenant)).toEqual({ rows: 3, firstBreak: null });
  });

  it("reports content_changed at the row whose content was edited", async () => {
    const tenant = await tenantWithChain(3);
    await asOwner("UPDATE audit_logs SET action = 'x' WHERE tenant_id = $1 AND seq = 2", [tenant.id]);
    expect(await verify(tenant)).toMatchObject({ rows: 3, firstBreak: { seq: "2", reason: "content_changed" } });
  });

  it("reports a break at the row after a deleted one", async () => {
    const tenant = await tenantWithChain(3);
    await asOwner("DELETE FROM audit_logs WHERE tenant_id = $1 AND seq = 2", [tenant.id]);
    const result = await verify(tenant);
    expect(result.rows).toBe(2);
    expect(result.firstBreak?.seq).toBe("3");
  });

  it("reports link_broken when a row's hash was rewritten to match its new content", async () => {
    const tenant = await tenantWithChain(3);
    // An editor who also recomputes the edited row's hash still breaks the next row's link.
    await asOwner("UPDATE audit_logs SET action = 'x' WHERE tenant_id = $1 AND seq = 2", [tenant.id]);
    await asOwner("UPDATE audit_logs a SET hash = audit_row_hash(a) WHERE tenant_id = $1 AND seq = 2", [tenant.id]);
    expect(await verify(tenant)).toMatchObject({ firstBreak: { seq: "3", reason: "link_broken" } });
  });
});

describe("npm run audit:verify (scripts/audit-verify.ts)", () => {
  it("exits 0 on an intact chain and 1, naming the seq, once tampered", async () => {
    const tenant = await tenantWithChain(3);
    const intact = await runCli(tenant.slug);
    expect(intact).toMatchObject({ code: 0, stdout: expect.stringContaining("3 rows, intact") });

    await asOwner("UPDATE audit_logs SET action = 'x' WHERE tenant_id = $1 AND seq = 2", [tenant.id]);
    const tampered = await runCli(tenant.slug);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain("BROKEN at seq 2");
  }, 60_000);
});
