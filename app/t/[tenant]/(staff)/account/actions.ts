"use server";

import { z } from "zod";
import { text } from "@/lib/validation/text";
import { actionResult } from "@/lib/action-result";
import { selfContext } from "@/lib/auth/guards";
import { confirmTotpEnrolment, disableTwoFactor, startTotpEnrolment } from "@/lib/auth/two-factor";
import { confirmOtpEnrolment, otpEnrolmentConfirmSchema, otpEnrolmentStartSchema, startOtpEnrolment } from "@/lib/auth/two-factor-otp-enrolment";

// Thin adapters for the signed-in user's own security settings. Every export is a public POST
// endpoint, so each builds its own context first; there is no permission to check beyond being
// signed in, because each action only ever touches ctx.user's own row. They stay open to a user
// whose clinic demands a second factor they lack (selfContext): enrolling is what that user
// must do, and /two-factor-setup uses these same actions.

export async function startTotpEnrolmentAction() {
  return actionResult(async () => {
    const { secret, qrDataUrl } = await startTotpEnrolment(await selfContext());
    return { secret, qrDataUrl };
  });
}

const codeSchema = z.object({ code: text().trim().min(1).max(16) });
export async function confirmTotpEnrolmentAction(input: unknown) {
  return actionResult(async () => {
    const ctx = await selfContext();
    const parsed = codeSchema.safeParse(input);
    if (!parsed.success) return { recoveryCodes: [] as string[], invalid: true };
    return { ...(await confirmTotpEnrolment(ctx, parsed.data.code)), invalid: false };
  });
}

/** The first message of an e-mail or SMS enrolment (a field error for a bad phone). */
export async function startOtpEnrolmentAction(input: unknown) {
  return actionResult(async () => {
    const ctx = await selfContext();
    const parsed = otpEnrolmentStartSchema.safeParse(input);
    if (!parsed.success) return { destination: "", invalid: parsed.error.issues[0]?.message ?? "" };
    return { ...(await startOtpEnrolment(ctx, parsed.data)), invalid: null };
  });
}

export async function confirmOtpEnrolmentAction(input: unknown) {
  return actionResult(async () => {
    const ctx = await selfContext();
    const parsed = otpEnrolmentConfirmSchema.safeParse(input);
    if (!parsed.success) return { recoveryCodes: [] as string[], invalid: parsed.error.issues[0]?.message ?? "" };
    return { ...(await confirmOtpEnrolment(ctx, parsed.data)), invalid: null };
  });
}

const passwordSchema = z.object({ currentPassword: text().min(1).max(1024) });
export async function disableTwoFactorAction(input: unknown) {
  return actionResult(async () => {
    const ctx = await selfContext();
    const parsed = passwordSchema.safeParse(input);
    if (!parsed.success) return { invalid: true };
    await disableTwoFactor(ctx, parsed.data.currentPassword);
    return { invalid: false };
  });
}
