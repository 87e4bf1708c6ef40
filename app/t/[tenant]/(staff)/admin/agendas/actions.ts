"use server";

import { contextFor } from "@/lib/auth/guards";
import type { Context } from "@/lib/context";
import { actionResult } from "@/lib/action-result";
import { createAgenda, updateAgenda } from "@/lib/scheduling/agendas";
import { addAgendaBlock, removeAgendaBlock } from "@/lib/scheduling/blocks";
import type { ActionResult } from "@/lib/scheduling/schemas";

// Thin adapters for agenda configuration; every export is a public POST endpoint, so each one
// builds its own context (agendas:manage) first. Validation and audit live in lib/scheduling.

async function adapt(call: (ctx: Context) => Promise<{ id?: string } | void>): Promise<ActionResult> {
  return actionResult(async () => {
    const done = await call(await contextFor("agendas:manage"));
    return done && done.id ? { id: done.id } : {};
  });
}

export async function saveAgendaAction(id: string | null, input: unknown) {
  return adapt((ctx) => (id ? updateAgenda(ctx, id, input).then(() => ({ id })) : createAgenda(ctx, input)));
}
export async function addBlockAction(input: unknown) {
  return adapt((ctx) => addAgendaBlock(ctx, input));
}
export async function removeBlockAction(input: unknown) {
  return adapt((ctx) => removeAgendaBlock(ctx, input));
}
