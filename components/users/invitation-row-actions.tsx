"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { UserAction } from "./types";
import { useRowAction } from "./use-row-action";

export function InvitationRowActions({ invitation, actions }: {
  invitation: { id: string; email: string };
  actions: { resend: UserAction; revoke: UserAction };
}) {
  const t = useTranslations("users");
  const { pending, outcome, run } = useRowAction();
  const target = { invitationId: invitation.id };
  return (
    <div className="flex flex-col items-start gap-2">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(actions.resend, target, t("done.resent"))}>
          {t("resend")}
        </Button>
        <Button size="sm" variant="danger" disabled={pending}
          onClick={() => run(actions.revoke, target, t("done.revoked"), t("confirmRevoke", { email: invitation.email }))}>
          {t("revoke")}
        </Button>
      </div>
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-sm text-success-fg" : "text-sm text-danger-fg"}>
          {outcome.message}
        </p>
      )}
    </div>
  );
}
