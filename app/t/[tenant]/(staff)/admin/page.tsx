import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { InvitationRowActions } from "@/components/users/invitation-row-actions";
import { InviteUserForm } from "@/components/users/invite-user-form";
import { UserRowActions } from "@/components/users/user-row-actions";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { formatDateTime } from "@/lib/format/date";
import { grantableRoles } from "@/lib/users/policy";
import { listPendingInvitations, listUsers, type PendingInvitation, type UserListItem } from "@/lib/users/queries";
import * as act from "./actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("users");

// Reading needs users:read; the management controls appear with users:manage, and each server
// action checks that permission again on its own (actions do not pass through this page).
export default async function AdminUsersPage() {
  const ctx = await requireStaff("users:read");
  const manage = can(ctx, "users:manage");
  const [t, tu, tr, users, invitations] = await Promise.all([
    getTranslations("admin"), getTranslations("users"), getTranslations("roles"), listUsers(ctx), listPendingInvitations(ctx),
  ]);
  const grantable = grantableRoles(ctx).map((role) => ({ value: role, label: tr(role) }));
  const rowActions = {
    setRoles: act.setUserRolesAction, deactivate: act.deactivateUserAction, reactivate: act.reactivateUserAction,
    unlock: act.unlockUserAction, resetTwoFactor: act.resetTwoFactorAction,
  };

  const userColumns = [
    { key: "name", header: t("columns.name"), rowHeader: true, cell: (u: UserListItem) => (u.id === ctx.user?.id ? `${u.name} (${tu("you")})` : u.name) },
    { key: "email", header: t("columns.email"), cell: (u: UserListItem) => u.email },
    { key: "roles", header: t("columns.roles"), cell: (u: UserListItem) => u.roles.map((r) => tr(r)).join(", ") },
    {
      key: "status", header: t("columns.status"),
      cell: (u: UserListItem) => (
        <span className="flex flex-wrap gap-1">
          <Badge tone={u.status === "ACTIVE" ? "success" : "neutral"}>{t(`status.${u.status}`)}</Badge>
          {u.locked && <Badge tone="danger">{tu("locked")}</Badge>}
          {u.twoFactorEnabled && <Badge tone="info">{tu("twoFactorOn")}</Badge>}
        </span>
      ),
    },
    { key: "last", header: t("columns.lastLogin"), cell: (u: UserListItem) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt, ctx.timeZone) : t("never")) },
    ...(manage ? [{
      key: "actions", header: tu("columns.actions"),
      cell: (u: UserListItem) => <UserRowActions user={u} isSelf={u.id === ctx.user?.id} grantable={grantable} actions={rowActions} />,
    }] : []),
  ];

  const invitationColumns = [
    { key: "email", header: t("columns.email"), rowHeader: true, cell: (i: PendingInvitation) => i.email },
    { key: "role", header: tu("role"), cell: (i: PendingInvitation) => tr(i.role) },
    { key: "invited", header: tu("columns.invitedAt"), cell: (i: PendingInvitation) => formatDateTime(i.createdAt, ctx.timeZone) },
    {
      key: "expires", header: tu("columns.expiresAt"),
      cell: (i: PendingInvitation) => (i.expired ? <Badge tone="warning">{tu("expired")}</Badge> : formatDateTime(i.expiresAt, ctx.timeZone)),
    },
    ...(manage ? [{
      key: "actions", header: tu("columns.actions"),
      cell: (i: PendingInvitation) => (
        <InvitationRowActions invitation={i} actions={{ resend: act.resendInvitationAction, revoke: act.revokeInvitationAction }} />
      ),
    }] : []),
  ];

  return (
    <div className="space-y-8">
      <PageHeader title={t("usersTitle")} description={t("usersDescription")} />
      {manage && (
        <Card aria-labelledby="invite-title">
          <CardHeader title={tu("inviteTitle")} description={tu("inviteDescription")} titleId="invite-title" />
          <CardBody><InviteUserForm roles={grantable} action={act.inviteUserAction} /></CardBody>
        </Card>
      )}
      <SimpleTable caption={t("usersTitle")} columns={userColumns} rows={users} rowKey={(u) => u.id} empty="—" />
      <section aria-labelledby="pending-title" className="space-y-3">
        <h2 id="pending-title" className="text-lg font-semibold text-fg">{tu("pendingTitle")}</h2>
        <SimpleTable caption={tu("pendingTitle")} columns={invitationColumns} rows={invitations} rowKey={(i) => i.id} empty={tu("pendingEmpty")} />
      </section>
    </div>
  );
}
