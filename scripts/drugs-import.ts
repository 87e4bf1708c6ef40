// `npm run drugs:import -- <DADOS_ABERTOS_MEDICAMENTOS.csv> [--json]`
//
// ANVISA's open-data file of registered medicines into the drug catalogue (the work and the
// decisions are in lib/prescriptions/catalogue/anvisa-import.ts). Connects as DATABASE_URL, the
// schema owner, like the seed. Prints progress on stderr and the report on stdout (--json: the
// report as JSON). Running apps notice the new products within 30 s (the catalogue's stamp).
// Exit 0 imported, 1 failed, 2 bad usage.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createSeedClient } from "@/prisma/seed/db";
import { AnvisaFormatError } from "@/lib/prescriptions/catalogue/anvisa-csv";
import { importAnvisaFile, type AnvisaImportReport } from "@/lib/prescriptions/catalogue/anvisa-import";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean", default: false } } });
const file = positionals[0];
if (!file) {
  console.error("usage: npm run drugs:import -- <DADOS_ABERTOS_MEDICAMENTOS.csv> [--json]");
  process.exit(2);
}
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("drugs:import: DATABASE_URL (the schema owner's connection) is not set.");
  process.exit(2);
}

const n = (v: number) => v.toLocaleString("pt-BR");

function print(report: AnvisaImportReport, seconds: number) {
  const notValid = Object.entries(report.skipped.notValid).map(([s, c]) => `${s}: ${n(c)}`).join(", ") || "none";
  console.log(`ANVISA import (${report.encoding}, ${seconds.toFixed(1)} s)`);
  console.log(`  rows ${n(report.rows)}; valid registrations ${n(report.valid)}`);
  console.log(`  products: +${n(report.created)} created, ${n(report.updated)} updated, ${n(report.unchanged)} unchanged`);
  console.log(`  no longer valid: ${n(report.removed)} removed, ${n(report.keptReferenced)} kept (prescribed)`);
  console.log(`  skipped: not valid (${notValid}); not a medicine ${n(report.skipped.notMedicine)}; malformed ${n(report.skipped.malformed)}; ` +
    `no active ingredient ${n(report.skipped.noIngredient)}; repeated registration ${n(report.skipped.duplicateRegistry)}`);
  const created = report.unmapped.filter((u) => u.created).length;
  console.log(`  ingredients not in the curated catalogue: ${n(report.unmapped.length)} (${n(created)} created now with source "ANVISA dados abertos"; ` +
    "they have no Portaria 344 list or class until added to prisma/data/drugs/ingredients.csv)");
  for (const u of report.unmapped.slice(0, 40)) console.log(`    ${u.name} — ${n(u.products)} product(s)${u.created ? " (new)" : ""}`);
  if (report.unmapped.length > 40) console.log(`    … and ${n(report.unmapped.length - 40)} more (--json lists them all)`);
}

const db = createSeedClient(url);
const t0 = performance.now();
try {
  const report = await importAnvisaFile(db, await readFile(file), {
    onProgress: (stage, done, total) => process.stderr.write(`  ${stage} ${n(done)}/${n(total)}\n`),
  });
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else print(report, (performance.now() - t0) / 1000);
} catch (error) {
  console.error(`drugs:import: ${error instanceof AnvisaFormatError ? error.message : (error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
