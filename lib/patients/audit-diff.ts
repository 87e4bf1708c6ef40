import { auditChanges, type AuditChanges } from "@/lib/audit/changes";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";

// Audit metadata of a registration change: which fields changed in clear; their before/after
// (needed to reconstruct "who changed the phone, from what") sealed under the patient's own data
// key, so an LGPD erasure can shred them. The CPF, encrypted at rest, is only ever "changed"
// (compared through its blind index, since each encryption of the same CPF differs).

const OPTIONS = { secret: { cpfHash: "cpf" }, ignore: ["cpfEnc", "searchName"] } as const;

export function patientChanges(
  tx: Tx, ctx: Pick<Context, "tenantId">, patientId: string, before: Record<string, unknown>, after: Record<string, unknown>,
): Promise<AuditChanges> {
  return auditChanges(tx, ctx.tenantId, { type: "PATIENT", id: patientId }, before, after, OPTIONS);
}
