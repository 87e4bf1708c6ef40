import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { validatePassword } from "@/lib/auth/password-policy";
import { isValidCrm } from "@/lib/br/documents";
import { lookupHash, sealField } from "@/lib/crypto/config";
import { hashPassword } from "@/lib/crypto/password";
import { sha256Hex } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { withTenant, type TenantScope } from "@/lib/db/tenant";
import { AppError, type FieldErrors } from "@/lib/errors";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import type { RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { parseInput } from "./parse";
import { acceptInvitationSchema, type AcceptInvitationData } from "./schemas";

// Accepting an invitation is the one unauthenticated write into a tenant here: the token is
// the credential. Every failure of the token (unknown, expired, used, revoked, other clinic)
// gives the same answer, so the page cannot be used to learn which links once existed.

export const INVALID_INVITATION = "Este convite é inválido ou expirou. Peça um novo convite ao administrador.";
const invalidInvitation = () => new AppError("not_found", INVALID_INVITATION);

type Meta = Pick<RequestMeta, "requestId" | "ip" | "userAgent">;
export type InvitationPreview = { email: string; role: RoleKey; tenantName: string };

/**
 * PRIVILEGED: a tenant scope without a signed-in user. The tenant must come from the request's
 * host (proxy.ts), never from the client; the caller then proves itself with the token.
 */
async function unsafeInvitationScope(tenantSlug: string, meta: Meta): Promise<{ scope: TenantScope; tenantName: string }> {
  const tenant = await findTenant(tenantSlug);
  if (!tenant || tenant.status !== "ACTIVE") throw invalidInvitation();
  return { scope: { tenantId: tenant.id, requestId: meta.requestId, user: null }, tenantName: tenant.name };
}

const findUsable = (tx: Tx, token: string) =>
  tx.tenantInvitation.findFirst({
    where: { tokenHash: sha256Hex(token), status: "PENDING", expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, invitedBy: true },
  });

/** What the accept page shows before the form (e-mail, role); null when the link is unusable. */
export async function findInvitationPreview(tenantSlug: string, token: string): Promise<InvitationPreview | null> {
  try {
    const { scope, tenantName } = await unsafeInvitationScope(tenantSlug, { requestId: randomUUID(), ip: null, userAgent: null });
    const invitation = await withTenant(scope, (tx) => findUsable(tx, token));
    return invitation ? { email: invitation.email, role: invitation.role, tenantName } : null;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

export async function acceptInvitation(
  tenantSlug: string,
  token: string,
  input: unknown,
  meta: Meta = { requestId: randomUUID(), ip: null, userAgent: null },
): Promise<{ userId: string; email: string }> {
  const data = parseInput(acceptInvitationSchema, input);
  const { scope } = await unsafeInvitationScope(tenantSlug, meta);
  const invitation = await withTenant(scope, (tx) => findUsable(tx, token));
  if (!invitation) throw invalidInvitation();
  const fields = identityProblems(invitation, data);
  if (fields) throw new AppError("validation", "Revise os campos destacados.", fields);

  // argon2 runs outside the transaction: ~20 ms of CPU should not hold a pooled connection.
  const passwordHash = await hashPassword(data.password);
  const isDoctor = invitation.role === "doctor";
  const cpfHash = lookupHash(scope.tenantId, "cpf", data.cpf);

  return withTenant(scope, async (tx) => {
    const now = new Date();
    // Claim the token first, conditionally: of two simultaneous accepts only one finds it PENDING.
    const claimed = await tx.tenantInvitation.updateMany({
      where: { id: invitation.id, status: "PENDING", expiresAt: { gt: now } },
      data: { status: "ACCEPTED", acceptedAt: now },
    });
    if (claimed.count !== 1) throw invalidInvitation();
    if (await tx.user.findFirst({ where: { cpfHash }, select: { id: true } })) {
      const message = "Já existe um usuário com este CPF nesta clínica.";
      throw new AppError("conflict", message, { cpf: [message] });
    }
    if (await tx.user.findFirst({ where: { email: invitation.email }, select: { id: true } })) throw invalidInvitation();

    const user = await tx.user.create({
      data: {
        email: invitation.email,
        name: data.name,
        cpfEnc: sealField(scope.tenantId, "users.cpf", data.cpf),
        cpfHash,
        crm: isDoctor ? data.crm : null,
        crmUf: isDoctor ? data.crmUf : null,
        passwordHash,
        status: "ACTIVE",
        // The link arrived by e-mail: following it proves the address.
        emailVerifiedAt: now,
      },
      select: { id: true, email: true, name: true },
    });
    await tx.userRole.create({ data: { userId: user.id, role: invitation.role, grantedBy: invitation.invitedBy }, select: { id: true } });
    const actor = { ...meta, user };
    await recordAudit(tx, actor, { action: "user.created", entityType: "user", entityId: user.id, metadata: { via: "invitation", role: invitation.role } });
    await recordAudit(tx, actor, { action: "user.invitation_accepted", entityType: "tenant_invitation", entityId: invitation.id });
    return { userId: user.id, email: user.email };
  });
}

function identityProblems(invitation: { email: string; role: RoleKey }, data: AcceptInvitationData): FieldErrors | null {
  const fields: FieldErrors = {};
  if (invitation.role === "doctor") {
    if (!data.crm) fields.crm = ["Informe o CRM."];
    if (!data.crmUf) fields.crmUf = ["Informe a UF do CRM."];
    else if (data.crm && !isValidCrm(data.crm, data.crmUf)) fields.crm = ["CRM inválido."];
  }
  const passwordProblems = validatePassword(data.password, { name: data.name, email: invitation.email, cpf: data.cpf });
  if (passwordProblems.length > 0) fields.password = passwordProblems;
  return Object.keys(fields).length > 0 ? fields : null;
}
