import { z } from "zod";
import { text } from "@/lib/validation/text";
import { withTenant } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { completePlatformSecondStep } from "@/lib/platform/two-factor";
import type { RequestMeta } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { clinicAccounts } from "./account-store";
import { systemClock } from "./lockout";
import type { SessionUser, SignInDeps } from "./sign-in";
import { readChallenge } from "./two-factor-challenge";
import { secondStepIn, type SecondStepResult } from "./two-factor-verify";

// Step 2 of sign-in: the challenge from step 1 plus a code, on a clinic's host (the platform's
// root host is handled by lib/platform/two-factor.ts). The rules live in two-factor-verify.ts.

export const secondFactorSchema = z.object({ challenge: text().min(1).max(1024), code: text().min(1).max(64) });

export type { SecondStepResult };

export async function completeSignIn(input: unknown, meta: RequestMeta, deps: SignInDeps = {}): Promise<SessionUser | null> {
  const result = await completeSecondStep(input, meta, deps);
  return result.ok ? result.user : null;
}

export async function completeSecondStep(input: unknown, meta: RequestMeta, deps: SignInDeps = {}): Promise<SecondStepResult> {
  const challengeFailure = { ok: false, reason: "challenge" } as const;
  const parsed = secondFactorSchema.safeParse(input);
  if (!parsed.success) return challengeFailure;
  const at = (deps.now ?? systemClock)();
  const claims = readChallenge(env().NEXTAUTH_SECRET, parsed.data.challenge, at.getTime());
  if (!claims) return challengeFailure;
  if (!meta.tenantSlug) return completePlatformSecondStep(claims, parsed.data.code, meta, at);
  const tenant = await findTenant(meta.tenantSlug);
  // A challenge minted for another clinic's host (or the platform) is worth nothing here.
  if (!tenant || tenant.status !== "ACTIVE" || claims.tenantId !== tenant.id) return challengeFailure;
  return secondStepIn({
    key: tenant.id, store: clinicAccounts(tenant.id), tokens: true,
    session: (user) => ({ ...user, kind: "clinic", tenantId: tenant.id, tenantSlug: tenant.slug }),
    run: (userId, fn) => withTenant({ tenantId: tenant.id, requestId: meta.requestId, user: { id: userId } }, fn),
  }, claims, parsed.data.code, meta, at);
}
