"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { clearAllLocalDrafts, unsentDraftCount } from "../ehr/draft-store";
import { Button } from "../ui/button";

export type SignOutButtonProps = {
  /** Translated text, e.g. "Sair". */
  label: string;
  /** Announced while the request runs, e.g. "Saindo…". */
  pendingLabel?: string;
  /** Shown when charts have text this browser never sent; with the two choices below. */
  unsentWarning?: string;
  discardLabel?: string;
  cancelLabel?: string;
  className?: string;
};

/**
 * NextAuth v4 signs out through a CSRF-protected POST that its client helper performs,
 * so this is a client island inside otherwise server-rendered shells.
 * "/login" resolves on the current host, so a tenant user lands on their clinic's login.
 * Signing out forgets the charts' unsent text kept in this browser (components/ehr/draft-store);
 * when there is some, the user is told first and may stay to let it reach the server.
 */
export function SignOutButton({ label, pendingLabel, unsentWarning, discardLabel, cancelLabel, className }: SignOutButtonProps) {
  const [pending, setPending] = useState(false);
  const [warning, setWarning] = useState(false);
  const leave = () => {
    setWarning(false);
    setPending(true);
    clearAllLocalDrafts();
    void signOut({ callbackUrl: "/login" }).catch(() => setPending(false));
  };
  if (warning) {
    return (
      <div role="alert" className="space-y-2 rounded-md border border-warning-border bg-warning-bg p-3 text-sm text-warning-fg">
        <p>{unsentWarning}</p>
        <div className="flex flex-wrap gap-2">
          <Button variant="danger" size="sm" onClick={leave}>{discardLabel}</Button>
          <Button variant="ghost" size="sm" onClick={() => setWarning(false)}>{cancelLabel}</Button>
        </div>
      </div>
    );
  }
  return (
    <Button
      variant="ghost"
      size="sm"
      className={className}
      loading={pending}
      onClick={() => (unsentWarning && unsentDraftCount() > 0 ? setWarning(true) : leave())}
    >
      {pending && pendingLabel ? pendingLabel : label}
    </Button>
  );
}
