import { recordSecurityEvent } from "@/lib/audit/record";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { issueOtp, type OtpChannel } from "./one-time-codes";
import { readChallenge } from "./two-factor-challenge";
import { defaultDelivery, deliverOtp, maskDestination, type DeliveryDeps } from "./two-factor-delivery";
import { FACTOR_COLUMNS, methodOf } from "./two-factor-policy";

// The sign-in code of a user whose second factor is a message: sent right after the password
// step (sign-in.ts) and again on request from the code step ("resend"), which proves the
// password with the signed challenge. Both obey the store's throttle (one per minute, five
// per hour), so a stolen password cannot be turned into a flood of messages.

export type MessageDeps = Partial<DeliveryDeps>;

const channelOf = (method: "email" | "sms"): OtpChannel => (method === "email" ? "EMAIL" : "SMS");

type Recipient = { id: string; email: string; phone: string | null };

type Send = {
  tenant: { id: string; name: string }; user: Recipient; method: "email" | "sms";
  meta: RequestMeta; now: Date; deps?: MessageDeps;
};

/**
 * Issues and sends a code; answers the masked destination. A throttled request sends nothing
 * (the previous code still works) and a failed send is logged, not thrown: the password step has
 * succeeded either way, and the code step offers "resend".
 */
export async function sendSignInCode(s: Send): Promise<string> {
  const channel = channelOf(s.method);
  const to = channel === "EMAIL" ? s.user.email : (s.user.phone ?? "");
  try {
    await issueAndSend(s, channel, to);
  } catch (error) {
    if (!isAppError(error)) await deliveryFailed(s.tenant.id, s.user.id, channel, s.meta, error);
  }
  return maskDestination(channel, to);
}

/** A code that could not be sent: on record (the person may be unable to sign in), then logged. */
async function deliveryFailed(tenantId: string, userId: string, channel: OtpChannel, meta: RequestMeta, error: unknown) {
  await withTenant({ tenantId, requestId: meta.requestId, user: { id: userId } }, (tx) => recordSecurityEvent(tx, meta, {
    type: "TWO_FACTOR_FAILED", severity: "LOW", userId, details: { reason: "delivery_failed", channel },
  }));
  console.error("two-factor code delivery failed", { requestId: meta.requestId, error });
}

async function issueAndSend({ tenant, user, meta, now, deps }: Send, channel: OtpChannel, to: string) {
  if (!to) throw new AppError("conflict", "Não há telefone cadastrado para receber o código.");
  const scope = { tenantId: tenant.id, requestId: meta.requestId, user: { id: user.id } };
  const code = await withTenant(scope, (tx) => issueOtp(tx, { tenantId: tenant.id, userId: user.id, channel, purpose: "sign_in", now }));
  await deliverOtp({ channel, to, clinicName: tenant.name, code, purpose: "sign_in" }, { ...defaultDelivery, ...deps });
}

/** "Resend the code" at the code step: a new code (voiding the old one) or a clear refusal. */
export async function resendSignInCode(challenge: unknown, meta: RequestMeta, deps: MessageDeps & { now?: () => Date } = {}): Promise<{ destination: string }> {
  const now = (deps.now ?? (() => new Date()))();
  const claims = readChallenge(env().NEXTAUTH_SECRET, challenge, now.getTime());
  const tenant = meta.tenantSlug ? await findTenant(meta.tenantSlug) : null;
  const expired = () => new AppError("unauthorized", "A etapa de verificação expirou. Entre novamente com e-mail e senha.");
  if (!claims || !tenant || tenant.status !== "ACTIVE" || claims.tenantId !== tenant.id) throw expired();
  const scope = { tenantId: tenant.id, requestId: meta.requestId, user: { id: claims.userId } };
  const user = await withTenant(scope, (tx) => tx.user.findFirst({
    where: { id: claims.userId },
    select: { id: true, email: true, phone: true, status: true, sessionVersion: true, ...FACTOR_COLUMNS },
  }));
  const method = user ? methodOf(user) : null;
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== claims.sessionVersion || (method !== "email" && method !== "sms")) throw expired();
  const channel = channelOf(method);
  const to = channel === "EMAIL" ? user.email : (user.phone ?? "");
  try {
    await issueAndSend({ tenant, user, method, meta, now, deps }, channel, to);
  } catch (error) {
    if (isAppError(error)) throw error;
    await deliveryFailed(tenant.id, user.id, channel, meta, error);
    throw new AppError("unprocessable", "Não foi possível enviar o código agora. Tente novamente em instantes.");
  }
  return { destination: maskDestination(channel, to) };
}
