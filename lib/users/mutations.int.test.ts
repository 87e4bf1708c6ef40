// User administration against the real database as the app role: who may do what, what each
// action writes (exactly one audit row), and that another clinic's user is out of sight.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { disconnectDb } from "@/lib/db/client";
import type { MailMessage } from "@/lib/mail/send";
import { asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { inviteUser, resendInvitation, revokeInvitation } from "./invitations";
import { deactivateUser, reactivateUser, resetTwoFactor, setUserRoles, unlockUser } from "./mutations";

let clinic: TestTenant;
let admin: TestUser;
let doctor: TestUser;
let ctx: Context;
const deps = { sendMail: async (m: MailMessage) => void m.to };

const userRow = async (id: string) =>
  (await asOwner<Record<string, unknown>>(
    `SELECT u.status, u.session_version, u.deactivated_at IS NOT NULL AS deactivated, u.locked_at, u.failed_login_count,
            u.totp_secret_enc, u.totp_enabled_at, u.totp_last_step,
            (SELECT array_agg(role::text ORDER BY role) FROM user_roles r WHERE r.user_id = u.id) AS roles
       FROM users u WHERE id = $1`, [id]))[0]!;
const auditCount = async (tenant: TestTenant) =>
  (await asOwner<{ n: number }>("SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = $1", [tenant.id]))[0]!.n;
const lastAudit = async (tenant: TestTenant) =>
  (await asOwner("SELECT action, actor_id, entity_id FROM audit_logs WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1", [tenant.id]))[0];

/** Runs a mutation and asserts it left exactly one audit row, naming the actor and the target. */
async function once<T>(action: string, entityId: string, run: () => Promise<T>): Promise<T> {
  const before = await auditCount(clinic);
  const result = await run();
  expect(await auditCount(clinic)).toBe(before + 1);
  expect(await lastAudit(clinic)).toEqual({ action, actor_id: admin.id, entity_id: entityId });
  return result;
}

beforeEach(async () => {
  clinic = await createTenant();
  [admin, doctor] = await Promise.all([
    createUser(clinic, { roles: ["admin"] }),
    createUser(clinic, { roles: ["doctor"] }),
  ]);
  ctx = scopeFor(clinic, admin, ["admin"]);
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

describe("user administration", () => {
  it("changes roles, deactivates (ending sessions), reactivates, unlocks and resets 2FA, one audit row each", async () => {
    await once("user.roles_changed", doctor.id, () => setUserRoles(ctx, { userId: doctor.id, roles: ["doctor", "finance"] }));
    expect((await userRow(doctor.id)).roles).toEqual(["doctor", "finance"]);

    await once("user.deactivated", doctor.id, () => deactivateUser(ctx, { userId: doctor.id }));
    expect(await userRow(doctor.id)).toMatchObject({ status: "DISABLED", deactivated: true, session_version: 2 });
    await expect(deactivateUser(ctx, { userId: doctor.id })).rejects.toMatchObject({ code: "conflict" });

    await once("user.reactivated", doctor.id, () => reactivateUser(ctx, { userId: doctor.id }));
    expect(await userRow(doctor.id)).toMatchObject({ status: "ACTIVE", deactivated: false, session_version: 2 });

    await asOwner("UPDATE users SET locked_at = now(), failed_login_count = 7 WHERE id = $1", [doctor.id]);
    await once("user.unlocked", doctor.id, () => unlockUser(ctx, { userId: doctor.id }));
    expect(await userRow(doctor.id)).toMatchObject({ locked_at: null, failed_login_count: 0 });

    await asOwner("UPDATE users SET totp_secret_enc = 'enc:x', totp_enabled_at = now(), totp_last_step = 42 WHERE id = $1", [doctor.id]);
    await once("user.two_factor_reset", doctor.id, () => resetTwoFactor(ctx, { userId: doctor.id }));
    expect(await userRow(doctor.id)).toMatchObject({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null, session_version: 3 });
  });

  it("invites, resends and revokes with one audit row each", async () => {
    const invitation = await once("user.invited", expect.any(String), () => inviteUser(ctx, { email: "a@clinica.test", role: "secretary" }, deps));
    const resent = await once("user.invitation_resent", expect.any(String), () => resendInvitation(ctx, { invitationId: invitation.id }, deps));
    await once("user.invitation_revoked", resent.id, () => revokeInvitation(ctx, { invitationId: resent.id }));
  });

  it("never lets an admin change their own roles or deactivate themselves", async () => {
    const [before, count] = [await userRow(admin.id), await auditCount(clinic)];
    await expect(setUserRoles(ctx, { userId: admin.id, roles: ["doctor"] })).rejects.toMatchObject({ code: "unprocessable" });
    await expect(deactivateUser(ctx, { userId: admin.id })).rejects.toMatchObject({ code: "unprocessable" });
    expect(await userRow(admin.id)).toEqual(before);
    expect(await auditCount(clinic)).toBe(count);
  });

  it("bounds a manager by rank: no granting above, no touching someone above", async () => {
    const manager = await createUser(clinic, { roles: ["doctor"] });
    const managerCtx = scopeFor(clinic, manager, ["doctor"]);
    (managerCtx.permissions as Set<string>).add("users:manage");
    const secretary = await createUser(clinic, { roles: ["secretary"] });
    const [before, count] = [[await userRow(secretary.id), await userRow(admin.id)], await auditCount(clinic)];

    await expect(setUserRoles(managerCtx, { userId: secretary.id, roles: ["admin"] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setUserRoles(ctx, { userId: secretary.id, roles: ["super_admin"] })).rejects.toMatchObject({ code: "validation" });
    await expect(setUserRoles(ctx, { userId: secretary.id, roles: [] })).rejects.toMatchObject({ code: "validation" });
    await expect(deactivateUser(managerCtx, { userId: admin.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setUserRoles(managerCtx, { userId: admin.id, roles: ["doctor"] })).rejects.toMatchObject({ code: "forbidden" });

    expect([await userRow(secretary.id), await userRow(admin.id)]).toEqual(before);
    expect(await auditCount(clinic)).toBe(count);
  });

  it("forbids every mutation to a secretary (no users:manage), changing nothing", async () => {
    const secretary = await createUser(clinic, { roles: ["secretary"] });
    const sctx = scopeFor(clinic, secretary, ["secretary"]);
    const invitation = await inviteUser(ctx, { email: "b@clinica.test", role: "finance" }, deps);
    const [before, count] = [await userRow(doctor.id), await auditCount(clinic)];
    const target = { userId: doctor.id };
    const attempts = [
      () => inviteUser(sctx, { email: "c@clinica.test", role: "secretary" }, deps),
      () => resendInvitation(sctx, { invitationId: invitation.id }, deps),
      () => revokeInvitation(sctx, { invitationId: invitation.id }),
      () => setUserRoles(sctx, { ...target, roles: ["secretary"] }),
      () => deactivateUser(sctx, target),
      () => reactivateUser(sctx, target),
      () => unlockUser(sctx, target),
      () => resetTwoFactor(sctx, target),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "forbidden" });
    expect(await userRow(doctor.id)).toEqual(before);
    expect(await auditCount(clinic)).toBe(count);
    expect(await asOwner("SELECT status FROM tenant_invitations WHERE tenant_id = $1", [clinic.id])).toEqual([{ status: "PENDING" }]);
  });

  it("answers not_found for another clinic's user or invitation, changing nothing there", async () => {
    const other = await createTenant();
    const stranger = await createUser(other, { roles: ["doctor"] });
    const strangerInvite = await inviteUser(scopeFor(other, await createUser(other, { roles: ["admin"] }), ["admin"]),
      { email: "d@outra.test", role: "doctor" }, deps);
    await asOwner("UPDATE users SET locked_at = now() WHERE id = $1", [stranger.id]);
    const [before, counts] = [await userRow(stranger.id), [await auditCount(clinic), await auditCount(other)]];
    const target = { userId: stranger.id };
    const attempts = [
      () => setUserRoles(ctx, { ...target, roles: ["secretary"] }),
      () => deactivateUser(ctx, target),
      () => reactivateUser(ctx, target),
      () => unlockUser(ctx, target),
      () => resetTwoFactor(ctx, target),
      () => resendInvitation(ctx, { invitationId: strangerInvite.id }, deps),
      () => revokeInvitation(ctx, { invitationId: strangerInvite.id }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    expect(await userRow(stranger.id)).toEqual(before);
    expect([await auditCount(clinic), await auditCount(other)]).toEqual(counts);
    expect(await asOwner("SELECT status FROM tenant_invitations WHERE id = $1", [strangerInvite.id])).toEqual([{ status: "PENDING" }]);
  });
});
