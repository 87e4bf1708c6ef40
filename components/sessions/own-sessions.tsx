import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import type { OwnSession } from "@/lib/auth/sessions-account";
import { formatDateTime } from "@/lib/format/date";
import { SessionRowAction, SignOutEverywhere, type SessionActions } from "./session-actions";

export type OwnSessionView = OwnSession;

/** The account's active sessions, with "end" per session and "sign out everywhere". */
export async function OwnSessions({ sessions, timeZone, actions }: { sessions: OwnSessionView[]; timeZone: string; actions: SessionActions }) {
  const t = await getTranslations("sessions.account");
  return (
    <Card aria-labelledby="own-sessions-title" className="mt-6">
      <CardHeader titleId="own-sessions-title" title={t("title")} description={t("description")} />
      <CardBody className="space-y-6">
        <SimpleTable
          caption={t("title")}
          labelledBy="own-sessions-title"
          rows={sessions}
          rowKey={(s) => s.id}
          empty={t("empty")}
          columns={[
            {
              key: "device", header: t("device"), rowHeader: true,
              cell: (s) => (
                <span>
                  {s.kind === "API" ? t("apiKind") : s.device ?? t("unknownDevice")}
                  {s.kind === "API" && s.device ? ` · ${s.device}` : ""}
                  {s.current && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">{t("thisDevice")}</span>}
                </span>
              ),
            },
            { key: "ip", header: t("ip"), cell: (s) => s.ip ?? "—" },
            { key: "last", header: t("lastActivity"), cell: (s) => formatDateTime(s.lastSeenAt, timeZone) },
            { key: "start", header: t("startedAt"), cell: (s) => formatDateTime(s.createdAt, timeZone) },
            {
              key: "actions", header: t("actions"), className: "text-right",
              cell: (s) => (s.current ? null : <SessionRowAction sessionId={s.id} label={`${t("revoke")}: ${s.device ?? t("unknownDevice")}`} revoke={actions.revoke} />),
            },
          ]}
        />
        <SignOutEverywhere signOutEverywhere={actions.everywhere} />
      </CardBody>
    </Card>
  );
}
