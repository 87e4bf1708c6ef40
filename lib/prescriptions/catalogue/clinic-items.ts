import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden } from "@/lib/errors";
import { drugCatalogue } from "./catalogue";
import { forgetClinicItems } from "./clinic-search";
import { catalogueError, catalogueMessage, catalogueValidation } from "./messages";
import { drugSearchName } from "./normalize";
import { clinicMedicationInputSchema, type ClinicMedicationView } from "./schemas";

// The clinic's own items (compounded formulas, kits, local names), managed by its admins at
// /admin/medications and offered by the prescription search beside the catalogue. Deactivated,
// never deleted: prescriptions already written keep pointing at them. An item coded to a
// catalogue ingredient is checked for allergies and interactions like any catalogue drug.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireManage(ctx: Context): void {
  if (!can(ctx, "settings:manage")) throw forbidden();
}

const notFoundItem = () => catalogueError("not_found", "item.notFound");

export async function listClinicMedications(ctx: Context): Promise<ClinicMedicationView[]> {
  requireManage(ctx);
  const rows = await withTenant(ctx, (tx) => tx.clinicMedication.findMany({
    where: { tenantId: ctx.tenantId },
    select: { id: true, name: true, presentation: true, ingredientId: true, inactiveAt: true, createdAt: true },
    orderBy: [{ inactiveAt: { sort: "desc", nulls: "first" } }, { searchName: "asc" }, { id: "asc" }],
  }));
  const catalogue = await drugCatalogue();
  return rows.map((r) => {
    const ingredient = r.ingredientId ? catalogue.ingredients.get(r.ingredientId) : undefined;
    return {
      id: r.id, name: r.name, presentation: r.presentation, active: r.inactiveAt === null, createdAt: r.createdAt.toISOString(),
      ingredient: ingredient ? { id: ingredient.id, name: ingredient.name } : null,
    };
  });
}

export async function createClinicMedication(ctx: Context, input: unknown): Promise<{ id: string }> {
  requireManage(ctx);
  const parsed = clinicMedicationInputSchema.safeParse(input);
  if (!parsed.success) throw catalogueValidation(parsed.error, "item.invalid");
  const data = parsed.data;
  const ingredientId = data.ingredientId ?? null;
  if (ingredientId && !(await drugCatalogue()).ingredients.has(ingredientId)) {
    throw new AppError("validation", catalogueMessage("item.invalid")!, { ingredientId: [catalogueMessage("ingredient.invalid")!] });
  }
  return withTenant(ctx, async (tx) => {
    const row = await tx.clinicMedication.create({
      data: { name: data.name, searchName: drugSearchName(data.name), presentation: data.presentation, ingredientId, createdBy: ctx.user!.id },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "clinic_medication.created", entityType: "clinic_medication", entityId: row.id,
      metadata: { ingredientId, hasPresentation: data.presentation !== null },
    });
    return row;
  }).finally(() => forgetClinicItems(ctx.tenantId));
}

/** Deactivates (active false) or reactivates (true) an item of this clinic; another clinic's id is not found. */
export async function setClinicMedicationActive(ctx: Context, id: unknown, active: unknown): Promise<void> {
  requireManage(ctx);
  if (typeof id !== "string" || !UUID.test(id)) throw notFoundItem();
  if (typeof active !== "boolean") throw catalogueError("validation", "item.invalid");
  await withTenant(ctx, async (tx) => {
    const row = await tx.clinicMedication.findFirst({ where: { id }, select: { id: true, inactiveAt: true } });
    if (!row) throw notFoundItem();
    if ((row.inactiveAt === null) === active) throw catalogueError("conflict", active ? "item.alreadyActive" : "item.alreadyInactive");
    await tx.clinicMedication.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { inactiveAt: active ? null : new Date() }, select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: active ? "clinic_medication.reactivated" : "clinic_medication.deactivated", entityType: "clinic_medication", entityId: id,
    });
  }).finally(() => forgetClinicItems(ctx.tenantId));
}
