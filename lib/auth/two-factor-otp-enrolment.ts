import { z } from "zod";
import { text } from "@/lib/validation/text";
import { recordAudit, recordSecurityEvent } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError, unauthorized } from "@/lib/errors";
import { normalizeMobile } from "@/lib/patients/self-registration";
import { findTenant } from "@/lib/tenancy/current";
import { consumeOtp, issueOtp, OTP_CODE_PATTERN } from "./one-time-codes";
import { defaultDelivery, deliverOtp, maskDestination, type DeliveryDeps } from "./two-factor-delivery";
import { replaceRecoveryCodes } from "./two-factor";
import { FACTOR_COLUMNS, methodOf } from "./two-factor-policy";

// Turning on codes by e-mail or SMS as the second factor, from the person's own account page.
// A channel is on only after a code sent to it comes back: an e-mail address or phone that does
// not reach the person would lock them out at the next sign-in. For SMS the code is bound to
// the phone number it was sent to (the hash covers it), and the number is saved on confirmation.
//
// A TOTP user cannot add e-mail codes as a fallback: the weaker channel would become the way in
// (a mailbox is often guarded by the same password), and recovery codes already cover a lost
// phone. One method at a time.

export const otpEnrolmentStartSchema = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("EMAIL") }),
  z.object({
    channel: z.literal("SMS"),
    phone: text({ error: "Informe um celular com DDD." }).max(30)
      .transform((v, c) => normalizeMobile(v) ?? (c.addIssue({ code: "custom", message: "Informe um celular com DDD." }), z.NEVER)),
  }),
], { error: "Escolha e-mail ou SMS." });

export const otpEnrolmentConfirmSchema = z.intersection(
  otpEnrolmentStartSchema,
  z.object({ code: text({ error: "Informe o código." }).trim().regex(OTP_CODE_PATTERN, "O código tem 6 dígitos.") }),
);

export type OtpEnrolmentStart = z.output<typeof otpEnrolmentStartSchema>;
export type OtpEnrolmentConfirm = z.output<typeof otpEnrolmentConfirmSchema>;

type Deps = { now?: Date; delivery?: Partial<DeliveryDeps> };

const ALREADY_ON = () => new AppError("conflict", "A verificação em duas etapas já está ativa. Desative-a antes de trocar de método.");

function selfOf(ctx: Context) {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

/** Sends a confirmation code to the chosen channel; answers where it went (masked). */
export async function startOtpEnrolment(ctx: Context, input: OtpEnrolmentStart, deps: Deps = {}): Promise<{ destination: string }> {
  const self = selfOf(ctx);
  const now = deps.now ?? new Date();
  const to = input.channel === "EMAIL" ? self.email : input.phone;
  const binding = input.channel === "SMS" ? input.phone : "";
  const code = await withTenant(ctx, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: self.id }, select: FACTOR_COLUMNS });
    if (!user || methodOf(user)) throw ALREADY_ON();
    const code = await issueOtp(tx, { tenantId: ctx.tenantId, userId: self.id, channel: input.channel, purpose: "enrol", binding, now });
    await recordAudit(tx, ctx, {
      action: "user.two_factor_enrolment_started", entityType: "user", entityId: self.id, metadata: { channel: input.channel },
    });
    return code;
  });
  const tenant = await findTenant(ctx.tenantSlug);
  await deliverOtp({ channel: input.channel, to, clinicName: tenant?.name ?? ctx.tenantSlug, code, purpose: "enrol" }, { ...defaultDelivery, ...deps.delivery })
    .catch((error: unknown) => {
      console.error("two-factor enrolment code delivery failed", { requestId: ctx.requestId, error });
      throw new AppError("unprocessable", "Não foi possível enviar o código agora. Tente novamente em instantes.");
    });
  return { destination: maskDestination(input.channel, to) };
}

/** The code came back: the channel is on, recovery codes are issued (shown once). */
export async function confirmOtpEnrolment(ctx: Context, input: OtpEnrolmentConfirm, deps: Deps = {}): Promise<{ recoveryCodes: string[] }> {
  const self = selfOf(ctx);
  const now = deps.now ?? new Date();
  const binding = input.channel === "SMS" ? input.phone : "";
  const codes = await withTenant(ctx, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: self.id }, select: FACTOR_COLUMNS });
    if (!user || methodOf(user)) throw ALREADY_ON();
    const check = await consumeOtp(tx, { tenantId: ctx.tenantId, userId: self.id, channel: input.channel, purpose: "enrol", code: input.code, binding, now });
    if (check !== "ok") {
      // Committed with the spent try, then refused (below).
      await recordSecurityEvent(tx, ctx, {
        type: "TWO_FACTOR_FAILED", severity: "LOW", userId: self.id, details: { reason: "invalid", step: "enrolment", method: input.channel.toLowerCase() },
      });
      return null;
    }
    const { count } = await tx.user.updateMany({
      where: { id: self.id, totpEnabledAt: null, otpEnabledAt: null },
      data: { otpChannel: input.channel, otpEnabledAt: now, ...(input.channel === "SMS" ? { phone: input.phone } : {}) },
    });
    if (count !== 1) throw ALREADY_ON();
    const codes = await replaceRecoveryCodes(tx, ctx.tenantId, self.id, now);
    await recordAudit(tx, ctx, {
      action: "user.two_factor_enabled", entityType: "user", entityId: self.id,
      metadata: { channel: input.channel, recoveryCodes: codes.length },
    });
    return codes;
  });
  if (!codes) throw new AppError("validation", "Código inválido ou expirado. Peça um novo código se precisar.", { code: ["Código inválido ou expirado."] });
  return { recoveryCodes: codes };
}
