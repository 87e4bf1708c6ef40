"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { Button } from "../ui/button";

export type SignOutButtonProps = {
  /** Translated text, e.g. "Sair". */
  label: string;
  /** Announced while the request runs, e.g. "Saindo…". */
  pendingLabel?: string;
  className?: string;
};

/**
 * NextAuth v4 signs out through a CSRF-protected POST that its client helper performs,
 * so this is a client island inside otherwise server-rendered shells.
 * "/login" resolves on the current host, so a tenant user lands on their clinic's login.
 */
export function SignOutButton({ label, pendingLabel, className }: SignOutButtonProps) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      className={className}
      loading={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/login" }).catch(() => setPending(false));
      }}
    >
      {pending && pendingLabel ? pendingLabel : label}
    </Button>
  );
}
