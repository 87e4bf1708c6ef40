"use client";

import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { Slot } from "@/lib/scheduling/schemas";

export type LoadSlots = (input: { agendaId: string; date: string }) => Promise<ActionResult<{ slots: Slot[] }>>;

/** "25/11/2026" → "2026-11-25", or null while the typed date is incomplete. */
export function brToIsoDate(br: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(br.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

export const isoToBrDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * The free slots of an agenda's day; null while the answer for this agenda and day is on its way.
 * A refused query (a day the agenda cannot show) offers no slots, as an empty day does.
 */
export function useFreeSlots(agendaId: string, date: string | null, load: LoadSlots): Slot[] | null {
  const [loaded, setLoaded] = useState<{ key: string; slots: Slot[] } | null>(null);
  const key = `${agendaId}|${date}`;
  useEffect(() => {
    if (!agendaId || !date) return;
    let live = true;
    void load({ agendaId, date }).then((r) => { if (live) setLoaded({ key: `${agendaId}|${date}`, slots: r.ok ? r.slots : [] }); });
    return () => { live = false; };
  }, [agendaId, date, load]);
  if (!agendaId || !date) return [];
  return loaded?.key === key ? loaded.slots : null;
}
