import { asOwner } from "@/lib/testing/factories";

// CID-10 rows the record tests use (the test database has no seed), inserted idempotently.

export const TEST_CID10 = [
  ["I10", "I10", "Hipertensão essencial (primária)", null, true],
  ["E11.9", "E11", "Diabetes mellitus não-insulino-dependente - sem complicações", null, false],
  ["N40", "N40", "Hiperplasia da próstata", "M", true],
  ["J06.9", "J06", "Infecção aguda das vias aéreas superiores não especificada", null, false],
] as const;

export async function ensureCid10(): Promise<void> {
  await asOwner(
    `INSERT INTO cid10_codes (code, category, description, short_description, sex_restriction, is_category)
     SELECT u.code, u.category, u.d, left(u.d, 50), u.sex, u.cat FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[]) AS u(code, category, d, sex, cat)
     ON CONFLICT (code) DO NOTHING`,
    [TEST_CID10.map((r) => r[0]), TEST_CID10.map((r) => r[1]), TEST_CID10.map((r) => r[2]), TEST_CID10.map((r) => r[3]), TEST_CID10.map((r) => r[4])],
  );
}
