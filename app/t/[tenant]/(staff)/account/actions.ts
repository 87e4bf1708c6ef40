"use server";

import { z } from "zod";
import { currentContext } from "@/lib/auth/session";
import { confirmTotpEnrolment, disableTwoFactor, startTotpEnrolment } from "@/lib/auth/two-factor";
import { isAppError, unauthorized } from "@/lib/errors";

// Thin adapters for the signed-in user's own security settings. Every export is a public POST
// endpoint, so each builds its own context first; there is no permission to check beyond being
// signed in, because each action only ever touches ctx.user's own row.

type Result<T> = ({ ok: true } & T) | { ok: false; message: string };

async function self() {
  const ctx = await currentContext();
  if (!ctx?.user) throw unauthorized();
  return ctx;
}

async function adapt<T>(call: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}

export async function startTotpEnrolmentAction() {
  return adapt(async () => {
    const { secret, qrDataUrl } = await startTotpEnrolment(await self());
    return { secret, qrDataUrl };
  });
}

const codeSchema = z.object({ code: z.string().trim().min(1).max(16) });
export async function confirmTotpEnrolmentAction(input: unknown) {
  return adapt(async () => {
    const ctx = await self();
    const parsed = codeSchema.safeParse(input);
    if (!parsed.success) return { recoveryCodes: [] as string[], invalid: true };
    return { ...(await confirmTotpEnrolment(ctx, parsed.data.code)), invalid: false };
  });
}

const passwordSchema = z.object({ currentPassword: z.string().min(1).max(1024) });
export async function disableTwoFactorAction(input: unknown) {
  return adapt(async () => {
    const ctx = await self();
    const parsed = passwordSchema.safeParse(input);
    if (!parsed.success) return { invalid: true };
    await disableTwoFactor(ctx, parsed.data.currentPassword);
    return { invalid: false };
  });
}
