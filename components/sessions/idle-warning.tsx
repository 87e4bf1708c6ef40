"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/** Minutes before the idle limit at which the warning shows. */
const WARN_BEFORE_MIN = 2;
// The server records activity at most once a minute, so its clock may be up to a minute ahead
// of this one: the browser gives up that much earlier rather than later.
const SERVER_SLACK_MS = 60_000;

/**
 * Warns shortly before the session ends for inactivity and offers to keep it. Any navigation
 * counts as activity (each one reaches the server); so does "stay signed in". At the limit the
 * page reloads, and the server answers with the sign-in page saying why.
 */
export function IdleWarning({ idleMinutes, keepAlive }: { idleMinutes: number; keepAlive: () => Promise<{ ok: boolean }> }) {
  const t = useTranslations("sessions.idleWarning");
  const pathname = usePathname();
  const [lastActive, setLastActive] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const [seenPath, setSeenPath] = useState(pathname);
  // A navigation reached the server, which counted it as activity: restart the countdown
  // (state adjusted while rendering, React's pattern for "reset when a prop changes").
  if (seenPath !== pathname) {
    setSeenPath(pathname);
    setLastActive(now);
  }

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const deadline = lastActive + idleMinutes * 60_000 - SERVER_SLACK_MS;
  const left = deadline - now;
  useEffect(() => {
    if (left <= 0) window.location.reload();
  }, [left]);

  // The warning takes focus when it opens (a keyboard or screen-reader user must not miss it), and
  // gives it back to where the person was once they choose to stay.
  const showing = left <= WARN_BEFORE_MIN * 60_000 && left > 0;
  const stayButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!showing) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    stayButton.current?.focus();
  }, [showing]);

  const stay = useCallback(async () => {
    const { ok } = await keepAlive();
    if (!ok) return window.location.reload();
    setLastActive(Date.now());
    setNow(Date.now());
    returnTo.current?.focus();
  }, [keepAlive]);

  if (!showing) return null;
  return (
    <div role="alertdialog" aria-live="assertive" aria-label={t("stay")} aria-describedby="idle-warning-message"
      className="fixed inset-x-4 bottom-4 z-50 mx-auto flex max-w-xl flex-wrap items-center justify-between gap-3 rounded-lg border border-warning-border bg-warning-bg p-4 text-sm text-warning-fg shadow-lg">
      <p id="idle-warning-message">{t("message", { minutes: Math.max(1, Math.ceil(left / 60_000)) })}</p>
      <Button ref={stayButton} type="button" size="sm" onClick={() => void stay()}>{t("stay")}</Button>
    </div>
  );
}
