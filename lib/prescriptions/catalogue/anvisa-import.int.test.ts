// The ANVISA importer on a fixture in ANVISA's own format (Latin-1, every field quoted, CRLF,
// several ingredients per row, cancelled registrations, a repeated registration, a malformed
// row, a field holding ";" and quotes): what it maps, what it reports, and that a second run
// changes nothing.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createPrescription } from "@/lib/testing/drug-safety-factories";
import { ensureDrugCatalogue } from "@/lib/testing/drugs";
import { asOwner, closeOwnerPool, createPatient, createTenant, createUser, scopeFor } from "@/lib/testing/factories";
import { createSeedClient, type SeedDb } from "@/prisma/seed/db";
import { AnvisaFormatError } from "./anvisa-csv";
import { importAnvisaFile } from "./anvisa-import";
import { forgetDrugCatalogue } from "./catalogue";
import { searchMedications } from "./search";

const FIXTURE = new URL("./fixtures/anvisa-medicamentos.latin1.csv", import.meta.url);
const latin1 = readFileSync(FIXTURE);
const text = new TextDecoder("windows-1252").decode(latin1);
const encodeLatin1 = (s: string) => Buffer.from(s, "latin1");

let db: SeedDb;

beforeAll(async () => {
  await ensureDrugCatalogue();
  db = createSeedClient(env().DATABASE_URL!);
});

afterAll(async () => {
  await db.$disconnect();
  await Promise.all([closeOwnerPool(), disconnectDb()]);
});

type Product = { registry: string; name: string; brand: string | null; holder: string; valid_until: string; ingredients: string[]; sources: string[] };
const products = () => asOwner<Product>(`
  SELECT m.anvisa_registry AS registry, m.name, m.brand_name AS brand, m.holder, to_char(m.registry_valid_until, 'YYYY-MM-DD') AS valid_until,
         array_agg(i.name ORDER BY mi.position) AS ingredients, array_agg(i.source ORDER BY mi.position) AS sources
    FROM medications m JOIN medication_ingredients mi ON mi.medication_id = m.id JOIN drug_ingredients i ON i.id = mi.ingredient_id
   WHERE m.anvisa_registry LIKE '19999%' GROUP BY m.id ORDER BY m.anvisa_registry`);
const doctor = async () => {
  const t = await createTenant();
  return scopeFor(t, await createUser(t, { roles: ["doctor"] }), ["doctor"]);
};

describe("drugs:import", () => {
  it("imports the valid registrations, links them to the curated ingredients and reports the rest", async () => {
    const report = await importAnvisaFile(db, latin1);
    expect(report).toEqual({
      encoding: "latin1", rows: 15, valid: 10, created: 10, updated: 0, unchanged: 0, removed: 0, keptReferenced: 0,
      skipped: { notValid: { "CADUCO/CANCELADO": 1, CANCELADO: 1 }, notMedicine: 0, malformed: 1, noIngredient: 1, duplicateRegistry: 1 },
      unmapped: [
        { name: "cloridrato de xyzamida", products: 1, created: true },
        { name: "zyxolina", products: 1, created: true },
      ],
    });
    const rows = new Map((await products()).map((p) => [p.registry, p]));
    expect([...rows.keys()]).toEqual(["199990001", "199990002", "199990003", "199990004", "199990005", "199990006", "199990009", "199990010", "199990012", "199990013"]);
    expect(rows.get("199990001")).toMatchObject({ name: "Amoxil", brand: "Amoxil", valid_until: "2030-03-01", ingredients: ["amoxicilina"], holder: "GLAXOSMITHKLINE BRASIL LTDA" });
    expect(rows.get("199990002")).toMatchObject({ name: "amoxicilina", brand: null, ingredients: ["amoxicilina"] });
    expect(rows.get("199990004")!.ingredients).toEqual(["paracetamol", "codeína"]);
    expect(rows.get("199990005")).toMatchObject({ name: "Clavulin BD", ingredients: ["amoxicilina", "clavulanato de potássio"] });
    expect(rows.get("199990006")!.ingredients).toEqual(["dipirona", "orfenadrina", "cafeína"]);
    expect(rows.get("199990009")).toMatchObject({ holder: "LABORATÓRIO \"SÃO JOÃO\" LTDA; FILIAL SUL", ingredients: ["cloridrato de xyzamida"], sources: ["ANVISA dados abertos"] });
    expect(rows.get("199990010")).toMatchObject({ ingredients: ["losartana", "zyxolina"], sources: ["RENAME 2024", "ANVISA dados abertos"] });
    expect(rows.get("199990012")!.ingredients).toEqual(["ácido acetilsalicílico"]);
  });

  it("makes the products searchable by brand and ingredient, with the ingredients' flags", async () => {
    forgetDrugCatalogue();
    const ctx = await doctor();
    expect((await searchMedications(ctx, "amoxil"))[0]).toMatchObject({ name: "Amoxil", brandName: "Amoxil", antimicrobial: true, presentation: null });
    expect((await searchMedications(ctx, "tylex"))[0]).toMatchObject({ controlList: "A2", ingredients: [expect.objectContaining({ name: "paracetamol" }), expect.objectContaining({ name: "codeína" })] });
    expect((await searchMedications(ctx, "rivotril"))[0]).toMatchObject({ controlList: "B1" });
    // Two generic registrations of the same name and ingredient are one line of the picker.
    const amoxicilina = (await searchMedications(ctx, "amoxicilina", { limit: 50 })).filter((h) => h.name === "amoxicilina");
    expect(amoxicilina).toHaveLength(1);
    expect((await searchMedications(ctx, "xyzamida"))[0]).toMatchObject({ name: "Fixturax", controlList: null });
  });

  it("is idempotent: the same file again, or the same rows in UTF-8, change nothing", async () => {
    const before = await products();
    const again = await importAnvisaFile(db, latin1);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 10, removed: 0 });
    expect(again.unmapped.map((u) => u.created)).toEqual([false, false]);
    const utf8 = await importAnvisaFile(db, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
    expect(utf8).toMatchObject({ encoding: "utf-8", created: 0, updated: 0, unchanged: 10 });
    expect(await products()).toEqual(before);
    const created = await asOwner<{ n: number }>(
      "SELECT count(*)::int AS n FROM drug_ingredients WHERE source = 'ANVISA dados abertos' AND search_name IN ('xyzamida', 'zyxolina')");
    expect(created[0]!.n).toBe(2);
  });

  it("updates a changed registration and removes one no longer valid, unless it was prescribed", async () => {
    const ctx = await doctor();
    const rivotril = (await searchMedications(ctx, "rivotril"))[0]!;
    const tenant = { id: ctx.tenantId, slug: ctx.tenantSlug, name: "", timeZone: ctx.timeZone };
    await createPrescription(tenant, ctx.user!, await createPatient(tenant), [{ medicationId: rivotril.id, drugName: "Rivotril" }]);
    const changed = text
      .replace('"AAS";"07/07/2014";"SIMILAR";"199990012";"01/07/2029";"25351.000012/2013-21";"ANTIAGREGANTES PLAQUETARIOS";"SANOFI MEDLEY FARMACÊUTICA LTDA";"VÁLIDO"',
        '"AAS";"07/07/2014";"SIMILAR";"199990012";"01/07/2029";"25351.000012/2013-21";"ANTIAGREGANTES PLAQUETARIOS";"SANOFI MEDLEY FARMACÊUTICA LTDA";"CANCELADO"')
      .replace('"PRODUTOS ROCHE QUÍMICOS E FARMACÊUTICOS S.A.";"VÁLIDO"', '"PRODUTOS ROCHE QUÍMICOS E FARMACÊUTICOS S.A.";"CADUCO/CANCELADO"')
      .replace('"TYLEX";"15/08/2012";"NOVO";"199990004";"01/08/2027"', '"TYLEX";"15/08/2012";"NOVO";"199990004";"01/08/2032"');
    expect(changed).not.toBe(text);
    const report = await importAnvisaFile(db, encodeLatin1(changed));
    expect(report).toMatchObject({ valid: 8, created: 0, updated: 1, unchanged: 7, removed: 1, keptReferenced: 1 });
    const rows = new Map((await products()).map((p) => [p.registry, p]));
    expect(rows.has("199990012")).toBe(false);
    expect(rows.has("199990013")).toBe(true);
    expect(rows.get("199990004")!.valid_until).toBe("2032-08-01");
  });

  it("refuses a file whose header is not ANVISA's, writing nothing", async () => {
    const before = await products();
    await expect(importAnvisaFile(db, encodeLatin1(text.replace("PRINCIPIO_ATIVO", "SUBSTANCIA")))).rejects.toBeInstanceOf(AnvisaFormatError);
    expect(await products()).toEqual(before);
  });

  it("runs as `npm run drugs:import -- <file>`, printing progress and the report", async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      "node_modules/tsx/dist/cli.mjs", "scripts/drugs-import.ts", FIXTURE.pathname,
    ], { env: { ...process.env, DATABASE_URL: env().DATABASE_URL }, timeout: 60_000 });
    expect(stdout).toContain("ANVISA import (latin1");
    // The previous test withdrew AAS; this file has it valid again.
    expect(stdout).toContain("products: +1 created, 1 updated, 8 unchanged");
    expect(stdout).toContain("zyxolina — 1 product(s)");
    expect(stderr).toContain("write 1/1");
  }, 60_000);
});
