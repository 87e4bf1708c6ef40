import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { randomToken, sha256Hex } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { RoleKey } from "@/lib/generated/prisma/enums";
import { sendMail as smtpSendMail, type MailMessage } from "@/lib/mail/send";
import { mailLayout } from "@/lib/mail/templates";
import { parseInput } from "./parse";
import { assertCanGrant, assertCanManageUsers } from "./policy";
import { invitationIdSchema, inviteUserSchema } from "./schemas";

// Staff invitations: an admin names an e-mail and a role, the person receives a single-use
// link and creates their own account (accept-invitation.ts). Only the token's SHA-256 is
// stored, so a copy of the table cannot be replayed into accounts.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Injected in tests (a recording fake); the SMTP sender otherwise. */
export type MailDeps = { sendMail: (msg: MailMessage) => Promise<void> };
const defaultDeps: MailDeps = { sendMail: smtpSendMail };

export type InvitationDto = { id: string; email: string; role: RoleKey; expiresAt: string };

export function invitationUrl(tenantSlug: string, token: string): string {
  const e = env();
  const scheme = e.NODE_ENV === "production" ? "https" : "http";
  return `${scheme}://${tenantSlug}.${e.APP_HOST}/invite/${token}`;
}

/** Invites `email` as `role`; any earlier pending invitation for the same e-mail stops working. */
export async function inviteUser(ctx: Context, input: unknown, deps: MailDeps = defaultDeps): Promise<InvitationDto> {
  assertCanManageUsers(ctx);
  const data = parseInput(inviteUserSchema, input);
  assertCanGrant(ctx, [data.role]);
  return issue(ctx, data.email, data.role, "user.invited", deps);
}

/** A fresh link for a pending (possibly expired) invitation; the old link stops working. */
export async function resendInvitation(ctx: Context, input: unknown, deps: MailDeps = defaultDeps): Promise<InvitationDto> {
  assertCanManageUsers(ctx);
  const { invitationId } = parseInput(invitationIdSchema, input);
  const pending = await withTenant(ctx, (tx) => findPending(tx, invitationId));
  assertCanGrant(ctx, [pending.role]);
  return issue(ctx, pending.email, pending.role, "user.invitation_resent", deps);
}

export async function revokeInvitation(ctx: Context, input: unknown): Promise<void> {
  assertCanManageUsers(ctx);
  const { invitationId } = parseInput(invitationIdSchema, input);
  await withTenant(ctx, async (tx) => {
    const pending = await findPending(tx, invitationId);
    assertCanGrant(ctx, [pending.role]);
    await tx.tenantInvitation.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: pending.id } },
      data: { status: "REVOKED", revokedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "user.invitation_revoked", entityType: "tenant_invitation", entityId: pending.id, metadata: { role: pending.role },
    });
  });
}

async function findPending(tx: Tx, id: string) {
  const row = await tx.tenantInvitation.findFirst({
    where: { id, status: "PENDING" },
    select: { id: true, email: true, role: true },
  });
  if (!row) throw notFound("Convite");
  return row;
}

async function issue(ctx: Context, email: string, role: RoleKey, action: string, deps: MailDeps): Promise<InvitationDto> {
  if (!ctx.user) throw forbidden();
  const inviterId = ctx.user.id;
  const token = randomToken();
  const { invitation, tenantName } = await withTenant(ctx, async (tx) => {
    await assertNotAUser(tx, email);
    const now = new Date();
    // Re-inviting replaces: at most one live link per e-mail, so a forwarded old mail is dead.
    const revoked = await tx.tenantInvitation.updateMany({
      where: { email, status: "PENDING" },
      data: { status: "REVOKED", revokedAt: now },
    });
    const invitation = await tx.tenantInvitation.create({
      data: { email, role, tokenHash: sha256Hex(token), invitedBy: inviterId, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true } });
    await recordAudit(tx, ctx, {
      action, entityType: "tenant_invitation", entityId: invitation.id, metadata: { role, revokedPrevious: revoked.count },
    });
    return { invitation, tenantName: tenant.name };
  });
  // Sent after the commit: an SMTP round trip must not hold a database transaction open, and
  // a mail must never announce an invitation that was rolled back.
  try {
    await deps.sendMail(invitationMail({ to: email, role, tenantName, inviter: ctx.user.name, url: invitationUrl(ctx.tenantSlug, token) }));
  } catch (error) {
    console.error("invitation mail failed", { invitationId: invitation.id, error });
    throw new AppError("unprocessable", "O convite foi registrado, mas o e-mail não pôde ser enviado. Use “Reenviar”.");
  }
  return { ...invitation, expiresAt: invitation.expiresAt.toISOString() };
}

async function assertNotAUser(tx: Tx, email: string): Promise<void> {
  const existing = await tx.user.findFirst({ where: { email }, select: { status: true } });
  if (!existing) return;
  const message = existing.status === "DISABLED"
    ? "Este e-mail pertence a um usuário desativado. Reative-o na lista de usuários."
    : "Já existe um usuário com este e-mail na clínica.";
  throw new AppError("conflict", message, { email: [message] });
}

const ROLE_LABEL: Record<RoleKey, string> = {
  super_admin: "superadministrador(a)", admin: "administrador(a)", doctor: "médico(a)",
  secretary: "recepção", finance: "financeiro", patient: "paciente",
};

function invitationMail(m: { to: string; role: RoleKey; tenantName: string; inviter: string; url: string }): MailMessage {
  const body = [
    "Olá,",
    `${m.inviter} convidou você para acessar ${m.tenantName} no Prontivus como ${ROLE_LABEL[m.role]}.`,
    "Para criar sua conta, abra o link abaixo. Ele vale por 7 dias e pode ser usado uma única vez.",
    "Se você não esperava este convite, ignore esta mensagem.",
  ].join("\n\n");
  const { text, html } = mailLayout({ clinicName: m.tenantName, body, action: { label: "Criar minha conta", url: m.url } });
  return { to: m.to, subject: `Convite para ${m.tenantName} no Prontivus`, text, html };
}
