"use server";

import type { Permission } from "@/lib/auth/permissions";
import { contextFor } from "@/lib/auth/guards";
import { actionResult } from "@/lib/action-result";
import type { Context } from "@/lib/context";
import { isAppError } from "@/lib/errors";
import { listPatients } from "@/lib/patients/queries";
import { bookAppointment, listFreeSlots } from "@/lib/scheduling/booking";
import { rescheduleAppointment } from "@/lib/scheduling/reschedule";
import type { ActionResult, Slot } from "@/lib/scheduling/schemas";
import { transitionAppointment } from "@/lib/scheduling/status";

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
export async function rescheduleAction(id: string, input: unknown) {
  return adapt("appointments:write", (ctx) => rescheduleAppointment(ctx, id, input));
}

export type PatientHit = { id: string; name: string; detail: string };

export async function searchPatientsAction(q: unknown): Promise<PatientHit[]> {
  const ctx = await contextFor("patients:read");
  if (typeof q !== "string" || q.trim().length < 2) return [];
  const page = await listPatients(ctx, { q, pageSize: 8 });
  return page.rows.map((p) => ({
    id: p.id, name: p.socialName ?? p.fullName,
    detail: [p.socialName ? p.fullName : null, p.cpf, p.birthDate, p.insurance].filter(Boolean).join(" · "),
  }));
}

export async function freeSlotsAction(input: { agendaId: string; date: string }): Promise<Slot[]> {
  const ctx = await contextFor("appointments:read");
  try {
    return await listFreeSlots(ctx, input);
  } catch (error) {
    if (isAppError(error)) return [];
    throw error;
  }
}
