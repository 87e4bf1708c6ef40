import { beforeAll, describe, expect, it } from "vitest";
import { formatCpf } from "@/lib/br/documents";
import type { Context } from "@/lib/context";
import { createPatient, createTenant, ensureRoles, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { listPatients } from "./queries";

// Patient search as the staff list uses it: accent- and case-insensitive name, exact CPF through
// the blind index, text never interpreted as SQL or LIKE patterns, and no other clinic's rows.

let clinic: TestTenant;
let other: TestTenant;
let ctx: Context;
let joao: { id: string; cpf: string };

beforeAll(async () => {
  await ensureRoles();
  [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  ctx = scopeFor(clinic, null, ["secretary"]);
  joao = await createPatient(clinic, { fullName: "João Conceição da Silva" });
  await createPatient(clinic, { fullName: "Maria 50%_off O'Brien" });
  for (let i = 0; i < 23; i++) await createPatient(clinic, { fullName: `Zeca Paciente ${String(i).padStart(2, "0")}` });
  await createPatient(other, { fullName: "João Outro Tenant" });
});

describe("listPatients", () => {
  it("finds an accented name from an unaccented, upper-case part", async () => {
    const page = await listPatients(ctx, { q: "JOAO CONCEICAO" });
    expect(page.rows.map((r) => r.id)).toEqual([joao.id]);
  });

  it("finds a patient by formatted CPF, and shows it formatted", async () => {
    const page = await listPatients(ctx, { q: formatCpf(joao.cpf) });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]!.cpf).toBe(formatCpf(joao.cpf));
  });

  it.each(["%", "_", "50%_", "' OR 1=1 --", "\"; DROP TABLE patients; --", "\\"])("treats %j as text", async (q) => {
    const page = await listPatients(ctx, { q });
    for (const row of page.rows) expect(row.fullName.toLowerCase()).toContain(q.toLowerCase());
  });

  it("matches wildcard characters literally", async () => {
    const page = await listPatients(ctx, { q: "50%_off o'b" });
    expect(page.rows.map((r) => r.fullName)).toEqual(["Maria 50%_off O'Brien"]);
  });

  it("pages 20 at a time and still counts past the last page", async () => {
    const first = await listPatients(ctx, { q: "zeca" });
    expect(first.total).toBe(23);
    expect(first.rows).toHaveLength(20);
    const second = await listPatients(ctx, { q: "zeca", page: "2" });
    expect(second.rows).toHaveLength(3);
    const beyond = await listPatients(ctx, { q: "zeca", page: "9" });
    expect(beyond).toMatchObject({ rows: [], total: 23, page: 9 });
  });

  it("never returns another clinic's patients", async () => {
    const page = await listPatients(ctx, { q: "outro tenant" });
    expect(page.total).toBe(0);
  });
});

describe("listPatients permission", () => {
  it("refuses a context without patients:read (a patient account)", async () => {
    await expect(listPatients(scopeFor(clinic, null, ["patient"]), {})).rejects.toMatchObject({ code: "forbidden" });
  });
});
