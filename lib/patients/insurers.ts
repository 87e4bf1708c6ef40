import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/users/parse";
import { insurerSchema } from "./insurer-schema";

// A clinic's insurers (convênios), managed by its admins (settings:manage). Never deleted
// (patients, appointments and charges point at them): deactivated, which hides them from the
// registration form while old records keep their name.

const NAME_TAKEN = "Já existe um convênio com este nome.";

export async function createInsurer(ctx: Context, input: unknown): Promise<{ id: string }> {
  if (!can(ctx, "settings:manage")) throw forbidden();
  const data = parseInput(insurerSchema, input);
  try {
    return await withTenant(ctx, async (tx) => {
      const insurer = await tx.insuranceProvider.create({ data, select: { id: true } });
      await recordAudit(tx, ctx, { action: "insurer.created", entityType: "insurance_provider", entityId: insurer.id, metadata: { name: data.name } });
      return insurer;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", NAME_TAKEN, { name: [NAME_TAKEN] });
    }
    throw error;
  }
}

export async function setInsurerActive(ctx: Context, id: unknown, active: boolean): Promise<void> {
  if (!can(ctx, "settings:manage")) throw forbidden();
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw notFound("Convênio");
  await withTenant(ctx, async (tx) => {
    const insurer = await tx.insuranceProvider.findFirst({ where: { id: parsed.data }, select: { id: true, active: true } });
    if (!insurer) throw notFound("Convênio");
    if (insurer.active === active) return;
    await tx.insuranceProvider.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: insurer.id } }, data: { active }, select: { id: true } });
    await recordAudit(tx, ctx, { action: active ? "insurer.activated" : "insurer.deactivated", entityType: "insurance_provider", entityId: insurer.id });
  });
}
