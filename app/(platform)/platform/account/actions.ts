"use server";

import { z } from "zod";
import { text } from "@/lib/validation/text";
import { actionResult } from "@/lib/action-result";
import { currentPlatformContext } from "@/lib/auth/session";
import { unauthorized } from "@/lib/errors";
import { confirmPlatformTotp, disablePlatformTotp, startPlatformTotp } from "@/lib/platform/two-factor";

// The super admin's own TOTP (root host). Public POST endpoints like every server action: each
// builds the platform context first and touches only that user's row.

async function self() {
  const ctx = await currentPlatformContext();
  if (!ctx?.user) throw unauthorized();
  return ctx;
}

export async function startPlatformTotpAction() {
  return actionResult(async () => {
    const { secret, qrDataUrl } = await startPlatformTotp(await self());
    return { secret, qrDataUrl };
  });
}

const codeSchema = z.object({ code: text().trim().min(1).max(16) });
export async function confirmPlatformTotpAction(input: unknown) {
  return actionResult(async () => {
    const ctx = await self();
    const parsed = codeSchema.safeParse(input);
    if (!parsed.success) return { recoveryCodes: [] as string[], invalid: true };
    await confirmPlatformTotp(ctx, parsed.data.code);
    return { recoveryCodes: [] as string[], invalid: false };
  });
}

const passwordSchema = z.object({ currentPassword: text().min(1).max(1024) });
export async function disablePlatformTotpAction(input: unknown) {
  return actionResult(async () => {
    const ctx = await self();
    const parsed = passwordSchema.safeParse(input);
    if (!parsed.success) return { invalid: true };
    await disablePlatformTotp(ctx, parsed.data.currentPassword);
    return { invalid: false };
  });
}

/** Codes by message are for clinic accounts only. */
export async function messageCodesUnavailableAction(): Promise<{ ok: false; message: string }> {
  return { ok: false, message: "Contas da plataforma usam apenas o aplicativo autenticador." };
}
