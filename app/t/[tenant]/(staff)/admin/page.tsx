import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format/date";
import { listUsers, type UserListItem } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Usuários" };

export default async function AdminUsersPage() {
  const ctx = await requireStaff("users:read");
  const [t, tr, users] = await Promise.all([getTranslations("admin"), getTranslations("roles"), listUsers(ctx)]);
  const columns = [
    { key: "name", header: t("columns.name"), rowHeader: true, cell: (u: UserListItem) => u.name },
    { key: "email", header: t("columns.email"), cell: (u: UserListItem) => u.email },
    { key: "roles", header: t("columns.roles"), cell: (u: UserListItem) => u.roles.map((r) => tr(r)).join(", ") },
    {
      key: "status", header: t("columns.status"),
      cell: (u: UserListItem) => <Badge tone={u.status === "ACTIVE" ? "success" : "neutral"}>{t(`status.${u.status}`)}</Badge>,
    },
    { key: "last", header: t("columns.lastLogin"), cell: (u: UserListItem) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt, ctx.timeZone) : t("never")) },
  ];
  return (
    <>
      <PageHeader title={t("usersTitle")} description={t("usersDescription")} />
      <SimpleTable caption={t("usersTitle")} columns={columns} rows={users} rowKey={(u) => u.id} empty="—" />
    </>
  );
}
