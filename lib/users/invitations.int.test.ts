// Invitations against the real database as the app role: the token is the only credential of
// an unauthenticated write, so every way it can be wrong must refuse and change nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/sign-in";
import { generateCpf } from "@/lib/br/documents";
import { lookupHash, openField } from "@/lib/crypto/config";
import { disconnectDb } from "@/lib/db/client";
import type { MailMessage } from "@/lib/mail/send";
import { asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { acceptInvitation, findInvitationPreview, INVALID_INVITATION } from "./accept-invitation";
import { inviteUser, resendInvitation, revokeInvitation } from "./invitations";

const PASSWORD = "Girassol azul 2026";
let clinic: TestTenant;
let admin: TestUser;
let sent: MailMessage[];
const deps = { sendMail: async (m: MailMessage) => void sent.push(m) };
const adminCtx = () => scopeFor(clinic, admin, ["admin"]);

const tokenOf = (mail: MailMessage) => /\/invite\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
const profile = (over: Record<string, unknown> = {}) =>
  ({ name: "Dra. Beatriz Lima", cpf: generateCpf(), crm: "123456", crmUf: "SP", password: PASSWORD, passwordConfirmation: PASSWORD, ...over });

/** Everything an acceptance could touch in the clinic, to prove a refusal changed nothing. */
const snapshot = async (tenant: TestTenant) => ({
  users: await asOwner("SELECT id, status FROM users WHERE tenant_id = $1 ORDER BY id", [tenant.id]),
  roles: await asOwner("SELECT user_id, role FROM user_roles WHERE tenant_id = $1 ORDER BY id", [tenant.id]),
  invitations: await asOwner("SELECT id, status FROM tenant_invitations WHERE tenant_id = $1 ORDER BY id", [tenant.id]),
  audit: (await asOwner<{ n: number }>("SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = $1", [tenant.id]))[0]!.n,
});

async function invite(email: string, role = "doctor") {
  const invitation = await inviteUser(adminCtx(), { email, role }, deps);
  return { invitation, token: tokenOf(sent.at(-1)!) };
}

beforeEach(async () => {
  sent = [];
  clinic = await createTenant();
  admin = await createUser(clinic, { roles: ["admin"], name: "Carla Admin" });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("inviteUser → acceptInvitation", () => {
  it("creates a working, verified doctor from the mailed link", async () => {
    const before = await snapshot(clinic);
    const { invitation, token } = await invite("  Nova.Medica@Clinica.TEST ");

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: "nova.medica@clinica.test", subject: expect.stringContaining("Convite") });
    expect(sent[0]!.text).toContain(`http://${clinic.slug}.localhost:3000/invite/${token}`);
    const [stored] = await asOwner<{ token_hash: string; expires_at: Date; invited_by: string }>(
      "SELECT token_hash, expires_at, invited_by FROM tenant_invitations WHERE id = $1", [invitation.id]);
    expect(stored!.token_hash).not.toContain(token); // only the hash is kept
    expect(stored!.invited_by).toBe(admin.id);
    expect(stored!.expires_at.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await snapshot(clinic)).audit).toBe(before.audit + 1);

    expect(await findInvitationPreview(clinic.slug, token)).toEqual({ email: "nova.medica@clinica.test", role: "doctor", tenantName: clinic.name });
    const input = profile();
    const { userId } = await acceptInvitation(clinic.slug, token, input);

    const [user] = await asOwner<Record<string, unknown>>(
      "SELECT status, email_verified_at, crm, crm_uf, cpf_hash, cpf_enc FROM users WHERE id = $1", [userId]);
    expect(user).toMatchObject({ status: "ACTIVE", crm: "123456", crm_uf: "SP", cpf_hash: lookupHash(clinic.id, "cpf", input.cpf) });
    expect(user!.email_verified_at).not.toBeNull();
    expect(openField(clinic.id, "users.cpf", user!.cpf_enc as string)).toBe(input.cpf);
    expect(await asOwner("SELECT role, granted_by FROM user_roles WHERE user_id = $1", [userId])).toEqual([{ role: "doctor", granted_by: admin.id }]);
    expect(await asOwner("SELECT status FROM tenant_invitations WHERE id = $1", [invitation.id])).toEqual([{ status: "ACCEPTED" }]);
    expect((await asOwner<{ action: string }>("SELECT action FROM audit_logs WHERE tenant_id = $1 AND actor_id = $2 ORDER BY seq", [clinic.id, userId])).map((r) => r.action))
      .toEqual(["user.created", "user.invitation_accepted"]);

    const session = await authenticate({ email: "nova.medica@clinica.test", password: PASSWORD },
      { tenantSlug: clinic.slug, requestId: randomUUID(), ip: "127.0.0.1", userAgent: "vitest" });
    expect(session).toMatchObject({ id: userId, tenantId: clinic.id, name: "Dra. Beatriz Lima" });
  });

  it("refuses a reused, expired or revoked link with the same message and changes nothing", async () => {
    const used = await invite("usado@clinica.test", "secretary");
    await acceptInvitation(clinic.slug, used.token, profile({ crm: undefined, crmUf: undefined }));
    const expired = await invite("expirado@clinica.test", "secretary");
    await asOwner("UPDATE tenant_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [expired.invitation.id]);
    const revoked = await invite("revogado@clinica.test", "secretary");
    await revokeInvitation(adminCtx(), { invitationId: revoked.invitation.id });

    const before = await snapshot(clinic);
    for (const token of [used.token, expired.token, revoked.token, "nao-existe-nenhum-convite-com-este-token"]) {
      await expect(acceptInvitation(clinic.slug, token, profile())).rejects.toMatchObject({ message: INVALID_INVITATION });
      expect(await findInvitationPreview(clinic.slug, token)).toBeNull();
    }
    expect(await snapshot(clinic)).toEqual(before);
  });

  it("does not accept a clinic's token on another clinic's host", async () => {
    const { token } = await invite("outra@clinica.test");
    const other = await createTenant();
    const before = [await snapshot(clinic), await snapshot(other)];
    await expect(acceptInvitation(other.slug, token, profile())).rejects.toMatchObject({ message: INVALID_INVITATION });
    expect([await snapshot(clinic), await snapshot(other)]).toEqual(before);
  });

  it("re-inviting (or resending) revokes the earlier link", async () => {
    const first = await invite("duas.vezes@clinica.test");
    const second = await invite("duas.vezes@clinica.test");
    expect(await asOwner("SELECT status FROM tenant_invitations WHERE id = $1", [first.invitation.id])).toEqual([{ status: "REVOKED" }]);
    await expect(acceptInvitation(clinic.slug, first.token, profile())).rejects.toMatchObject({ message: INVALID_INVITATION });

    await resendInvitation(adminCtx(), { invitationId: second.invitation.id }, deps);
    await expect(acceptInvitation(clinic.slug, second.token, profile())).rejects.toMatchObject({ message: INVALID_INVITATION });
    await expect(acceptInvitation(clinic.slug, tokenOf(sent.at(-1)!), profile())).resolves.toMatchObject({ email: "duas.vezes@clinica.test" });
  });

  it("refuses a CPF already used in the clinic as a field error, keeping the invitation usable", async () => {
    const cpf = generateCpf();
    await acceptInvitation(clinic.slug, (await invite("primeira@clinica.test", "finance")).token, profile({ cpf }));
    const { token } = await invite("segunda@clinica.test", "finance");
    const before = await snapshot(clinic);
    await expect(acceptInvitation(clinic.slug, token, profile({ cpf: cpf.replace(/^(\d{3})(\d{3})/, "$1.$2.") })))
      .rejects.toMatchObject({ fields: { cpf: ["Já existe um usuário com este CPF nesta clínica."] } });
    expect(await snapshot(clinic)).toEqual(before);
    expect(await findInvitationPreview(clinic.slug, token)).not.toBeNull();
  });

  it("answers field errors for a bad CPF, a doctor without CRM and a weak password", async () => {
    const { token } = await invite("campos@clinica.test");
    const before = await snapshot(clinic);
    await expect(acceptInvitation(clinic.slug, token, profile({ cpf: "111.111.111-11" })))
      .rejects.toMatchObject({ code: "validation", fields: { cpf: ["CPF inválido."] } });
    await expect(acceptInvitation(clinic.slug, token, profile({ crm: "", crmUf: "" })))
      .rejects.toMatchObject({ fields: { crm: ["Informe o CRM."], crmUf: ["Informe a UF do CRM."] } });
    const weak = await acceptInvitation(clinic.slug, token, profile({ password: "beatriz123", passwordConfirmation: "beatriz123" })).catch((e) => e);
    expect(weak.fields.password.length).toBeGreaterThan(0);
    await expect(acceptInvitation(clinic.slug, token, profile({ passwordConfirmation: "outra coisa 1" })))
      .rejects.toMatchObject({ fields: { passwordConfirmation: ["As senhas não conferem."] } });
    expect(await snapshot(clinic)).toEqual(before);
  });
});

describe("inviteUser refusals", () => {
  it("refuses roles above the inviter, super_admin and patient, and existing users", async () => {
    const doctorManager = scopeFor(clinic, await createUser(clinic, { roles: ["doctor"] }), ["doctor"]);
    (doctorManager.permissions as Set<string>).add("users:manage"); // a custom grant: rank still bounds it
    const before = await snapshot(clinic);
    await expect(inviteUser(doctorManager, { email: "x@clinica.test", role: "admin" }, deps)).rejects.toMatchObject({ code: "forbidden" });
    for (const role of ["super_admin", "patient"]) {
      await expect(inviteUser(adminCtx(), { email: "x@clinica.test", role }, deps)).rejects.toMatchObject({ code: "validation" });
    }
    await expect(inviteUser(adminCtx(), { email: admin.email, role: "doctor" }, deps)).rejects.toMatchObject({ code: "conflict" });
    expect(await snapshot(clinic)).toEqual(before);
    expect(sent).toEqual([]);
  });
});
