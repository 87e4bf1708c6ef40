import { beforeAll, describe, expect, it } from "vitest";
import { formatCpf } from "@/lib/br/documents";
import type { Context } from "@/lib/context";
import { createPatient, createTenant, ensureRoles, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { archivePatient } from "./mutations";
import { NAME_SEARCH_CAP } from "./schemas";
import { searchPatients } from "./search";

// Search semantics through the app role (RLS live): one box for name, CPF, phone and birth
// date; names accent- and case-blind, ranked whole-name prefix > word start > inside a word.

let clinic: TestTenant;
let ctx: Context;
const ids: Record<string, string> = {};

const names = (page: { rows: { fullName: string }[] }) => page.rows.map((r) => r.fullName);

beforeAll(async () => {
  await ensureRoles();
  const [a, b] = await Promise.all([createTenant(), createTenant()]);
  clinic = a;
  ctx = scopeFor(clinic, null, ["secretary"]);
  const make = async (key: string, fullName: string, extra: Parameters<typeof createPatient>[1] = {}) => {
    ids[key] = (await createPatient(clinic, { fullName, ...extra })).id;
  };
  await make("mariaJose", "Maria José Antônia");
  await make("anaMaria", "Ana Maria Souza", { phone: "11987654321", birthDate: new Date(Date.UTC(1990, 4, 17)) });
  await make("rosemaria", "Rosemaria Dias");
  await make("mariana", "Mariana Lima", { phone: "1133334444" });
  await make("joao", "João Conceição da Silva");
  await make("social", "Roberto Carlos Pereira", { socialName: "Bianca Pereira" });
  await make("archived", "Maria Arquivada");
  await archivePatient(scopeFor(clinic, null, ["secretary"]), ids.archived);
  await createPatient(b, { fullName: "Maria Outra Clínica", phone: "11987654321" });
});

describe("searchPatients by name", () => {
  it("ranks whole-name prefix, then word start, then inside a word; alphabetical within each", async () => {
    const page = await searchPatients(ctx, { q: "MARIA" });
    expect(names(page)).toEqual(["Maria José Antônia", "Mariana Lima", "Ana Maria Souza", "Rosemaria Dias"]);
    expect(page).toMatchObject({ kind: "name", total: 4, capped: false });
  });

  it("ignores accents and case on both sides", async () => {
    expect(names(await searchPatients(ctx, { q: "joao conceicao" }))).toEqual(["João Conceição da Silva"]);
    expect(names(await searchPatients(ctx, { q: "ANTONIA" }))).toEqual(["Maria José Antônia"]);
  });

  it("matches every word as a word start, in any order, and partial words", async () => {
    expect(names(await searchPatients(ctx, { q: "silva joa" }))).toEqual(["João Conceição da Silva"]);
    expect(names(await searchPatients(ctx, { q: "ana sou" }))).toEqual(["Ana Maria Souza"]);
    expect(names(await searchPatients(ctx, { q: "ceica" }))).toEqual(["João Conceição da Silva"]);
  });

  it("finds the social name, which the list shows first", async () => {
    const page = await searchPatients(ctx, { q: "bianca" });
    expect(page.rows).toMatchObject([{ fullName: "Roberto Carlos Pereira", socialName: "Bianca Pereira" }]);
  });

  it("treats LIKE wildcards as text", async () => {
    for (const q of ["%", "_", "ma%", "m_ria", "\\"]) expect((await searchPatients(ctx, { q })).total).toBe(0);
  });

  it("lists archived patients only under the archived filter", async () => {
    expect(names(await searchPatients(ctx, { q: "arquivada" }))).toEqual([]);
    const archived = await searchPatients(ctx, { q: "arquivada", status: "ARCHIVED" });
    expect(archived.rows).toMatchObject([{ fullName: "Maria Arquivada", status: "ARCHIVED" }]);
  });

  it("never returns another clinic's patients", async () => {
    expect((await searchPatients(ctx, { q: "outra clinica" })).total).toBe(0);
  });
});

describe("searchPatients by document, phone and birth date", () => {
  it("finds by CPF formatted or bare (exact, through the blind index)", async () => {
    const cpfPatient = await createPatient(clinic, { fullName: "Cecília Documento" });
    for (const q of [formatCpf(cpfPatient.cpf), cpfPatient.cpf]) {
      const page = await searchPatients(ctx, { q });
      expect(page).toMatchObject({ kind: "cpf", total: 1 });
      expect(page.rows[0]).toMatchObject({ id: cpfPatient.id, cpf: formatCpf(cpfPatient.cpf) });
    }
  });

  it("finds by phone with or without area code, mask or +55", async () => {
    for (const q of ["(11) 98765-4321", "+55 11 98765-4321", "98765-4321"]) {
      expect(names(await searchPatients(ctx, { q }))).toEqual(["Ana Maria Souza"]);
    }
    expect(names(await searchPatients(ctx, { q: "3333-4444" }))).toEqual(["Mariana Lima"]);
  });

  it("finds by birth date typed dd/mm/aaaa", async () => {
    const page = await searchPatients(ctx, { q: "17/05/1990" });
    expect(page.kind).toBe("birthDate");
    expect(names(page)).toEqual(["Ana Maria Souza"]);
    expect((await searchPatients(ctx, { q: "31/02/1990" })).total).toBe(0);
  });

  it("says a partial CPF cannot be searched instead of guessing", async () => {
    expect(await searchPatients(ctx, { q: "123.456" })).toMatchObject({ kind: "digits", total: 0, rows: [] });
  });
});

describe("searchPatients paging and caps", () => {
  it("pages a common name and stops counting at the cap", async () => {
    const big = await createTenant();
    const bigCtx = scopeFor(big, null, ["secretary"]);
    for (let i = 0; i < NAME_SEARCH_CAP + 3; i++) await createPatient(big, { fullName: `Zeca ${String(i).padStart(3, "0")}` });
    const first = await searchPatients(bigCtx, { q: "zeca" });
    expect(first).toMatchObject({ total: NAME_SEARCH_CAP, capped: true, page: 1 });
    expect(names(first).slice(0, 2)).toEqual(["Zeca 000", "Zeca 001"]);
    const second = await searchPatients(bigCtx, { q: "zeca", page: 2 });
    expect(names(second)[0]).toBe("Zeca 020");
    const all = await searchPatients(bigCtx, {});
    expect(all).toMatchObject({ kind: "all", total: NAME_SEARCH_CAP + 3, capped: false });
  });

  it("refuses a context without patients:read (a patient account)", async () => {
    await expect(searchPatients(scopeFor(clinic, null, ["patient"]), {})).rejects.toMatchObject({ code: "forbidden" });
  });
});
