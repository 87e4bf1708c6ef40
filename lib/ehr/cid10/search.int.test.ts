// CID-10 search over the complete official table, loaded by the seed into the test database and
// read by the app role outside any tenant transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { referenceDb } from "@/lib/db/reference";
import { ensureCid10 } from "@/lib/testing/cid10";
import { closeOwnerPool, createTenant, createUser, scopeFor } from "@/lib/testing/factories";
import type { Context } from "@/lib/context";
import { cid10SexRestriction, getCid10Code, searchCid10 } from "./search";

let doctor: Context;
let secretary: Context;

beforeAll(async () => {
  await ensureCid10();
  const clinic = await createTenant();
  const [d, s] = await Promise.all([createUser(clinic, { roles: ["doctor"] }), createUser(clinic, { roles: ["secretary"] })]);
  doctor = scopeFor(clinic, d, ["doctor"]);
  secretary = scopeFor(clinic, s, ["secretary"]);
});

afterAll(async () => {
  await Promise.all([closeOwnerPool(), disconnectDb()]);
});

const codes = async (q: string, limit?: number) => (await searchCid10(doctor, { q, limit })).data.map((m) => m.code);

describe("CID-10 search", () => {
  it("reads the whole official table", async () => {
    // Official codes only: a test elsewhere may have added a made-up parent row before the load.
    const rows = (await referenceDb.cid10Codes()).filter((r) => /^[A-Z]\d{2}(\.\d)?$/.test(r.code));
    expect(rows).toHaveLength(14_233);
    expect(rows.filter((r) => r.isCategory)).toHaveLength(2_045);
  });

  it("finds a code however it is typed, the exact code first", async () => {
    for (const q of ["I10", "i10", " I10 "]) expect((await codes(q))[0]).toBe("I10");
    for (const q of ["E11.9", "e11.9", "E119", "e119"]) expect((await codes(q))[0]).toBe("E11.9");
    expect(await codes("E11", 11)).toEqual(["E11", "E11.0", "E11.1", "E11.2", "E11.3", "E11.4", "E11.5", "E11.6", "E11.7", "E11.8", "E11.9"]);
    // A two-character prefix lists categories before anyone's subcategories.
    expect(await codes("E1", 5)).toEqual(["E10", "E11", "E12", "E13", "E14"]);
  });

  it("finds words by prefix, ignoring accents and case, ranked", async () => {
    const hits = (await searchCid10(doctor, { q: "hiperten" })).data;
    expect(hits[0]).toMatchObject({ code: "I10", isCategory: true, description: expect.stringMatching(/^Hipertensão essencial/) });
    expect(hits).toHaveLength(20);
    for (const h of hits) expect(h.description.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()).toMatch(/\bhiperten/);
    expect((await codes("HIPERTENSÃO ESSENCIAL"))[0]).toBe("I10");
    expect((await codes("hipertensao essencial"))[0]).toBe("I10");
    expect((await codes("diabetes insulino"))[0]).toBe("E10");
    expect((await codes("colera"))[0]).toBe("A00");
  });

  it("falls back to partial words after every word-start match", async () => {
    const partial = await codes("tensao essencial", 50);
    expect(partial).toContain("I10");
    const startHits = await codes("hiperten", 50);
    const mixed = await codes("ensiva", 50);
    expect(mixed.length).toBeGreaterThan(0);
    expect(mixed.some((c) => startHits.includes(c))).toBe(true);
  });

  it("limits results and finds nothing for nonsense", async () => {
    expect(await codes("a", 7)).toHaveLength(7);
    expect(await codes("xyzzyqq")).toEqual([]);
    // A code that does not exist still shows its family, by the code words of the table.
    expect((await codes("Z99.99"))[0]).toBe("Z99");
  });

  it("says which codes the table restricts to one sex", async () => {
    expect(await cid10SexRestriction("N40")).toBe("M");
    expect(await cid10SexRestriction("C53.9")).toBe("F");
    expect(await cid10SexRestriction("I10")).toBeNull();
    expect(await cid10SexRestriction("nope")).toBeNull();
    expect(await getCid10Code(doctor, "n40")).toMatchObject({ code: "N40", sexRestriction: "M" });
  });

  it("refuses staff without records access and bad queries with field errors", async () => {
    await expect(searchCid10(secretary, { q: "I10" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(searchCid10(doctor, { q: "   " })).rejects.toMatchObject({
      code: "validation", fields: { q: ["Digite um código ou parte da descrição."] },
    });
    await expect(searchCid10(doctor, { q: "x".repeat(81) })).rejects.toMatchObject({ fields: { q: ["Use no máximo 80 caracteres."] } });
    await expect(searchCid10(doctor, { q: "I10\u0000" })).rejects.toMatchObject({ fields: { q: ["A busca contém caracteres inválidos."] } });
    await expect(searchCid10(doctor, { q: "I10", limit: 500 })).rejects.toMatchObject({ fields: { limit: [expect.any(String)] } });
    await expect(searchCid10(doctor, {})).rejects.toMatchObject({ code: "validation", fields: { q: [expect.any(String)] } });
  });
});
