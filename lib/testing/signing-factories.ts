import { generateCpf } from "@/lib/br/documents";
import { lookupHash, sealField } from "@/lib/crypto/config";
import { withTenant } from "@/lib/db/tenant";
import { createUser, scopeFor, type TestTenant, type TestUser } from "./factories";

// A doctor as an accepted invitation leaves one: CPF sealed with its blind index, CRM and UF.
// Pass `cpf: null` or `crm: null` for a profile the signer must refuse.

export type TestDoctor = TestUser & { cpf: string | null; crm: string | null; crmUf: string | null };

export async function createDoctor(
  tenant: TestTenant,
  options: { name?: string; cpf?: string | null; crm?: string | null; crmUf?: string | null } = {},
): Promise<TestDoctor> {
  const user = await createUser(tenant, { roles: ["doctor"], name: options.name });
  const cpf = options.cpf === undefined ? generateCpf() : options.cpf;
  const crm = options.crm === undefined ? String(100_000 + Math.floor(Math.random() * 800_000)) : options.crm;
  const crmUf = options.crmUf === undefined ? "SP" : options.crmUf;
  await withTenant(scopeFor(tenant), (tx) =>
    tx.user.update({
      where: { tenantId_id: { tenantId: tenant.id, id: user.id } },
      data: {
        cpfEnc: cpf ? sealField(tenant.id, "users.cpf", cpf) : null,
        cpfHash: cpf ? lookupHash(tenant.id, "cpf", cpf) : null,
        crm, crmUf,
      },
      select: { id: true },
    }));
  return { ...user, cpf, crm, crmUf };
}
