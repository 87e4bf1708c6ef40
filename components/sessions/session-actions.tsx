"use client";

import { signOut } from "next-auth/react";
import { clearAllLocalDrafts } from "../ehr/draft-store";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Result = { ok: true } | { ok: false; message: string };
export type SessionActions = {
  revoke: (input: { sessionId: string }) => Promise<Result>;
  everywhere: () => Promise<Result>;
};

export function SessionRowAction({ sessionId, label, revoke }: { sessionId: string; label: string; revoke: SessionActions["revoke"] }) {
  const t = useTranslations("sessions.account");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        type="button" variant="secondary" size="sm" loading={busy} aria-label={label}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await revoke({ sessionId });
          setBusy(false);
          if (!result.ok) return setError(result.message);
          router.refresh();
        }}
      >
        {busy ? t("revoking") : t("revoke")}
      </Button>
      {error && <span role="alert" className="text-xs text-danger-fg">{error}</span>}
    </span>
  );
}

/** Two steps, so one stray click does not sign the person out of every device. */
export function SignOutEverywhere({ signOutEverywhere }: { signOutEverywhere: SessionActions["everywhere"] }) {
  const t = useTranslations("sessions.account");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3 border-t border-border pt-4">
      <p className="text-sm text-fg-muted">{t("everywhereHint")}</p>
      {error && <Alert tone="danger">{error}</Alert>}
      {!confirming ? (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>{t("everywhere")}</Button>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button
            type="button" variant="danger" loading={busy}
            onClick={async () => {
              setBusy(true);
              const result = await signOutEverywhere();
              if (!result.ok) {
                setBusy(false);
                return setError(result.message);
              }
              // This browser's session ended too: forget its unsent chart text, clear its cookie
              // and go to the sign-in page.
              clearAllLocalDrafts();
              await signOut({ callbackUrl: "/login" });
            }}
          >
            {t("everywhereConfirm")}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setConfirming(false)} disabled={busy}>{t("cancel")}</Button>
        </div>
      )}
    </div>
  );
}
