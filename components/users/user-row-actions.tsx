"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { RoleOption, UserAction } from "./types";
import { useRowAction } from "./use-row-action";

export type UserRowActionsProps = {
  user: { id: string; name: string; status: string; roles: string[]; locked: boolean; twoFactorEnabled: boolean };
  isSelf: boolean;
  /** Roles this admin may grant; a user holding a role outside it is out of reach. */
  grantable: RoleOption[];
  actions: { setRoles: UserAction; deactivate: UserAction; reactivate: UserAction; unlock: UserAction; resetTwoFactor: UserAction };
};

export function UserRowActions({ user, isSelf, grantable, actions }: UserRowActionsProps) {
  const t = useTranslations("users");
  const { pending, outcome, run } = useRowAction();
  const [editing, setEditing] = useState(false);
  const grantableSet = new Set(grantable.map((r) => r.value));
  // The server refuses these too; hiding them only spares a pointless click.
  if (isSelf || user.roles.some((r) => r !== "patient" && !grantableSet.has(r))) return null;
  const target = { userId: user.id };
  // Portal accounts get their access from the patient record, not from staff roles.
  const isPatientOnly = user.roles.length > 0 && user.roles.every((r) => r === "patient");

  return (
    <div className="flex flex-col items-start gap-2">
      <div className="flex flex-wrap gap-2">
        {!isPatientOnly && (
          <Button size="sm" variant="secondary" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>{t("changeRoles")}</Button>
        )}
        {user.status === "DISABLED" ? (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(actions.reactivate, target, t("done.reactivated"))}>
            {t("reactivate")}
          </Button>
        ) : (
          <Button size="sm" variant="danger" disabled={pending}
            onClick={() => run(actions.deactivate, target, t("done.deactivated"), t("confirmDeactivate", { name: user.name }))}>
            {t("deactivate")}
          </Button>
        )}
        {user.locked && (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(actions.unlock, target, t("done.unlocked"))}>
            {t("unlock")}
          </Button>
        )}
        {user.twoFactorEnabled && (
          <Button size="sm" variant="secondary" disabled={pending}
            onClick={() => run(actions.resetTwoFactor, target, t("done.twoFactorReset"), t("confirmResetTwoFactor", { name: user.name }))}>
            {t("resetTwoFactor")}
          </Button>
        )}
      </div>
      {editing && (
        <form
          className="flex flex-wrap items-center gap-3 rounded-md border border-border p-2"
          onSubmit={(event) => {
            event.preventDefault();
            const roles = new FormData(event.currentTarget).getAll("roles");
            run(actions.setRoles, { userId: user.id, roles }, t("done.roles"));
          }}
        >
          <fieldset className="flex flex-wrap gap-3">
            <legend className="sr-only">{t("rolesOf", { name: user.name })}</legend>
            {grantable.map((role) => (
              <label key={role.value} className="inline-flex items-center gap-1.5 text-sm">
                <input type="checkbox" name="roles" value={role.value} defaultChecked={user.roles.includes(role.value)} />
                {role.label}
              </label>
            ))}
          </fieldset>
          <Button size="sm" type="submit" loading={pending}>{t("saveRoles")}</Button>
        </form>
      )}
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-sm text-success-fg" : "text-sm text-danger-fg"}>
          {outcome.message}
        </p>
      )}
    </div>
  );
}
