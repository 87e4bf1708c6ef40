"use server";

import type { Permission } from "@/lib/auth/permissions";
import { contextFor } from "@/lib/auth/guards";
import { actionResult, type ActionResult as SharedActionResult } from "@/lib/action-result";
import type { Context } from "@/lib/context";
import { listPatients } from "@/lib/patients/queries";
import { bookAppointment, listFreeSlots } from "@/lib/scheduling/booking";
import { rescheduleAppointment } from "@/lib/scheduling/reschedule";
import type { ActionResult, Slot } from "@/lib/scheduling/schemas";
import { undoStatusChange } from "@/lib/scheduling/status/revert";
import { transitionAppointment } from "@/lib/scheduling/status/moves";

// Thin adapters: each export is a public POST endpoint, so each builds its own context first.
// The domain functions validate, check permissions per status move, and audit.

async function adapt(permission: Permission, call: (ctx: Context) => Promise<{ id?: string } | void>): Promise<ActionResult> {
  return actionResult(async () => {
    const done = await call(await contextFor(permission));
    return done && done.id ? { id: done.id } : {};
  });
}

export async function bookAction(input: unknown) {
  return adapt("appointments:write", (ctx) => bookAppointment(ctx, input));
}
export async function transitionAction(id: string, input: unknown) {
  return adapt("appointments:read", (ctx) => transitionAppointment(ctx, id, input));
}
export async function undoStatusAction(id: string, input: unknown) {
  return adapt("appointments:read", (ctx) => undoStatusChange(ctx, id, input));
}
export async function rescheduleAction(id: string, input: unknown) {
  return adapt("appointments:write", (ctx) => rescheduleAppointment(ctx, id, input));
}

export type PatientHit = { id: string; name: string; detail: string };

/** The booking form's patient search; a refusal (signed out, no permission, bad text) is a result. */
export async function searchPatientsAction(q: unknown): Promise<SharedActionResult<{ hits: PatientHit[] }>> {
  return actionResult(async () => {
    const ctx = await contextFor("patients:read");
    if (typeof q !== "string" || q.trim().length < 2) return { hits: [] };
    const page = await listPatients(ctx, { q, pageSize: 8 });
    const hits = page.rows.map((p) => ({
      id: p.id, name: p.socialName ?? p.fullName,
      detail: [p.socialName ? p.fullName : null, p.cpf, p.birthDate, p.insurance].filter(Boolean).join(" · "),
    }));
    return { hits };
  });
}

export async function freeSlotsAction(input: unknown): Promise<SharedActionResult<{ slots: Slot[] }>> {
  return actionResult(async () => ({ slots: await listFreeSlots(await contextFor("appointments:read"), input) }));
}
