import { forbidden, redirect } from "next/navigation";
import type { Context } from "@/lib/context";
import { forbidden as forbiddenError, unauthorized } from "@/lib/errors";
import type { Permission } from "./permissions";
import { can } from "./policy";
import { currentContext, currentEnrolmentPending, currentPlatformContext, type PlatformContext } from "./session";
import { enrolmentRequired } from "./two-factor-policy";

// Guards are the only source of a Context. Pages call require*(), which redirect or render the
// 403 page; server actions and route handlers call contextFor(), which throws AppError.
// A staff member whose clinic demands a second factor they do not have yet is confined to
// /two-factor-setup: every staff page redirects there and every action refuses (403).

/** Where a user who must enrol a second factor is sent (outside the staff shell). */
export const ENROLMENT_PATH = "/two-factor-setup";

const isPatientOnly = (ctx: Context) => ctx.roles.length > 0 && ctx.roles.every((r) => r === "patient");

export async function requireStaff(permission?: Permission): Promise<Context> {
  const ctx = await currentContext();
  if (!ctx) redirect("/login");
  if (isPatientOnly(ctx)) redirect("/portal");
  if (await currentEnrolmentPending()) redirect(ENROLMENT_PATH);
  if (permission && !can(ctx, permission)) forbidden();
  return ctx;
}

/** The enrolment page itself: signed in, and still owing the factor (otherwise home). */
export async function requirePendingEnrolment(): Promise<Context> {
  const ctx = await currentContext();
  if (!ctx) redirect("/login");
  if (!(await currentEnrolmentPending())) redirect("/");
  return ctx;
}

export async function requirePatient(): Promise<Context> {
  const ctx = await currentContext();
  if (!ctx) redirect("/login");
  if (!can(ctx, "portal:self")) forbidden();
  return ctx;
}

export async function requirePlatform(): Promise<PlatformContext> {
  const ctx = await currentPlatformContext();
  if (!ctx) redirect("/login");
  if (!can(ctx, "platform:manage")) forbidden();
  return ctx;
}

/** For server actions and API handlers: an AppError instead of a redirect. */
export async function contextFor(permission: Permission): Promise<Context> {
  const ctx = await currentContext();
  if (!ctx) throw unauthorized();
  if (await currentEnrolmentPending()) throw enrolmentRequired();
  if (!can(ctx, permission)) throw forbiddenError();
  return ctx;
}

/**
 * For the signed-in person's own account actions (their second factor, their sessions): any
 * signed-in user, including one confined to enrolment, since enrolling is what they must do.
 */
export async function selfContext(): Promise<Context> {
  const ctx = await currentContext();
  if (!ctx?.user) throw unauthorized();
  return ctx;
}
