import { generateCpf } from "@/lib/br/documents";
import { lookupHash, sealField } from "@/lib/crypto/config";
import type { SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { asOwner } from "@/lib/testing/factories";

// The record tests pick diagnoses from the complete official CID-10 table, loaded once per
// process by the seed's own loader (lib/testing/cid10.ts).
export { ensureCid10 } from "@/lib/testing/cid10";

/** CPF and CRM/UF on the clinic's two doctors: the local CA refuses to certify without them. */
export async function giveSigningIdentity(c: SchedulingClinic): Promise<void> {
  for (const [user, crm] of [[c.doctor, "123456"], [c.otherDoctor, "654321"]] as const) {
    const cpf = generateCpf();
    await asOwner("UPDATE users SET cpf_enc = $2, cpf_hash = $3, crm = $4, crm_uf = 'SP' WHERE id = $1",
      [user.id, sealField(c.tenant.id, "users.cpf", cpf), lookupHash(c.tenant.id, "cpf", cpf), crm]);
  }
}
