import { forbidden, redirect } from "next/navigation";
import type { Context } from "@/lib/context";
import { forbidden as forbiddenError, unauthorized } from "@/lib/errors";
import type { Permission } from "./permissions";
import { can } from "./policy";
import { currentContext, currentPlatformContext, type PlatformContext } from "./session";

// Guards are the only source of a Context. Pages call require*(), which redirect or render the
// 403 page; server actions and route handlers call contextFor(), which throws AppError.

const isPatientOnly = (ctx: Context) => ctx.roles.length > 0 && ctx.roles.every((r) => r === "patient");

export async function requireStaff(permission?: Permission): Promise<Context> {
  const ctx = await currentContext();
  if (!ctx) redirect("/login");
  if (isPatientOnly(ctx)) redirect("/portal");
  if (permission && !can(ctx, permission)) forbidden();
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
  if (!can(ctx, permission)) throw forbiddenError();
  return ctx;
}
