"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { SavedDraft } from "@/lib/ehr/records/mutations";
import type { DiagnosisInput, Sections } from "@/lib/ehr/records/schemas";
import { clearLocalDraft, readLocalDraft, sameDraft, writeLocalDraft } from "@/components/ehr/draft-store";

// Debounced autosave of the whole draft at the version it was loaded at. Every keystroke goes to
// this browser's storage first; the server gets the text after a pause, or when the connection
// comes back. A failure keeps the text and says so; a conflict stops autosave (never overwrite).

export type Draft = { sections: Sections; diagnoses: DiagnosisInput[] };
export type SaveState =
  | { kind: "idle" } | { kind: "dirty" } | { kind: "saving" } | { kind: "saved"; at: Date }
  | { kind: "offline" } | { kind: "failed"; message: string } | { kind: "conflict"; message: string };

/** How soon a save that got no answer is tried again. */
const RETRY_MS = 10_000;
const DEBOUNCE_MS = 1200;

type Options = {
  id: string; version: number; contentHash: string; initial: Draft; enabled: boolean;
  save: (id: string, input: unknown) => Promise<ActionResult<SavedDraft>>;
};

export function useAutosave({ id, version, contentHash, initial, enabled, save }: Options) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const [staleLocal, setStaleLocal] = useState(false);
  const ref = useRef({ version, hash: contentHash, latest: initial, sent: initial, busy: false, again: false, stopped: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** Sends the latest draft; one request at a time, then again if the text changed meanwhile. */
  const flush = useCallback(async (): Promise<void> => {
    const r = ref.current;
    if (!enabled || r.stopped) return;
    if (timer.current) clearTimeout(timer.current);
    if (r.busy) { r.again = true; return; }
    r.busy = true;
    try {
      while (!r.stopped && !sameDraft(r.latest, r.sent)) {
        r.again = false;
        // No navigator.onLine gate: it can say offline while the server answers (a loopback-only
        // or LAN-only network) and online while it does not. Only the request's fate decides.
        const done = await sendOnce(r.latest);
        if (!done || !r.again) return;
      }
    } finally {
      r.busy = false;
    }

    async function sendOnce(sending: Draft): Promise<boolean> {
      // While the browser believes it is offline, keep saying so instead of flickering "saving".
      if (typeof navigator === "undefined" || navigator.onLine) setState({ kind: "saving" });
      try {
        const result = await save(id, { version: r.version, sections: sending.sections, diagnoses: sending.diagnoses });
        if (result.ok) {
          r.version = result.version; r.hash = result.contentHash; r.sent = sending;
          if (sameDraft(r.latest, sending)) clearLocalDraft(id);
          else writeLocalDraft(id, { baseVersion: r.version, ...r.latest, at: new Date().toISOString() });
          setState({ kind: "saved", at: new Date(result.updatedAt) });
          return true;
        }
        if (result.code === "conflict") { r.stopped = true; setState({ kind: "conflict", message: result.message }); return false; }
        setState({ kind: "failed", message: Object.values(result.fields ?? {}).flat()[0] ?? result.message });
        return false;
      } catch {
        // The request never got an answer (network or server gone): the text waits in this browser.
        setState({ kind: "offline" });
        return false;
      }
    }
  }, [enabled, id, save]);

  const update = useCallback((next: Draft) => {
    const r = ref.current;
    r.latest = next;
    setDraft(next);
    writeLocalDraft(id, { baseVersion: r.version, ...next, at: new Date().toISOString() });
    if (r.stopped) return;
    setState(typeof navigator !== "undefined" && !navigator.onLine ? { kind: "offline" } : { kind: "dirty" });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [flush, id]);

  // On load: text this browser never sent is restored (same version) or held back (older one).
  useEffect(() => {
    if (!enabled) return;
    const local = readLocalDraft(id);
    if (!local) return;
    if (sameDraft(local, initial)) { clearLocalDraft(id); return; }
    // localStorage can only be read after hydration: this effect syncs from that external store.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (local.baseVersion === version) update({ sections: local.sections, diagnoses: local.diagnoses });
    else setStaleLocal(true);
    // Runs once per loaded record version.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, version, enabled]);

  useEffect(() => {
    const online = () => void flush();
    const offline = () => { if (!sameDraft(ref.current.latest, ref.current.sent)) setState({ kind: "offline" }); };
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => { window.removeEventListener("online", online); window.removeEventListener("offline", offline); };
  }, [flush]);

  // Unsent text is offered again every few seconds while offline, even if no "online" event comes
  // (the server was down, not the network; or the browser never noticed the network came back).
  useEffect(() => {
    if (state.kind !== "offline") return;
    const retry = setInterval(() => void flush(), RETRY_MS);
    return () => clearInterval(retry);
  }, [state.kind, flush]);

  const discardLocal = useCallback(() => { clearLocalDraft(id); setStaleLocal(false); }, [id]);
  const current = () => ({ version: ref.current.version, contentHash: ref.current.hash, pending: !sameDraft(ref.current.latest, ref.current.sent) });

  return { draft, update, flush, state, staleLocal, discardLocal, current };
}
