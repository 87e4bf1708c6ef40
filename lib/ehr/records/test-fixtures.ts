import { generateCpf } from "@/lib/br/documents";
import { lookupHash, sealField } from "@/lib/crypto/config";
import type { SchedulingClinic } from "@/lib/scheduling/test-fixtures";
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

/** CPF and CRM/UF on the clinic's two doctors: the local CA refuses to certify without them. */
export async function giveSigningIdentity(c: SchedulingClinic): Promise<void> {
  for (const [user, crm] of [[c.doctor, "123456"], [c.otherDoctor, "654321"]] as const) {
    const cpf = generateCpf();
    await asOwner("UPDATE users SET cpf_enc = $2, cpf_hash = $3, crm = $4, crm_uf = 'SP' WHERE id = $1",
      [user.id, sealField(c.tenant.id, "users.cpf", cpf), lookupHash(c.tenant.id, "cpf", cpf), crm]);
  }
}
