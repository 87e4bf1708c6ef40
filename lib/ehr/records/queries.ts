import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { logClinicalRead, requireClinicalAccess, requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { AppError, forbidden } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/policy";
import { parseInput } from "@/lib/scheduling/access";
import { loadRecord } from "./load";
import { readLoggedRecord } from "./read-logged";
import { needsReview } from "./policy";
import { listRecordsSchema, type RecordSummary, type RecordView } from "./schemas";
import { addendaOf, summarySelect, toSummary, toView } from "./views";
import { recordsMessage } from "./messages";

// Reads of the chart. Every read of clinical content passes requireClinicalAccess and leaves its
// data_access_logs row (logClinicalRead) in the same transaction as the read.

export async function tenantSettings(tx: Tx, ctx: Context): Promise<unknown> {
  return (await tx.tenant.findFirst({ where: { id: ctx.tenantId }, select: { settings: true } }))?.settings ?? {};
}

/**
 * The clinic's settings as the request's guard saw them (Context.tenantSettings), else read in
 * this transaction. Enough for what a read shows ("needs review"); writes that enforce a setting
 * read it themselves (tenantSettings). Never the tenant cache here: on a miss it would ask the
 * pool for a second connection while this transaction holds one (lib/db/tenant.ts).
 */
async function shownSettings(tx: Tx, ctx: Context): Promise<unknown> {
  return ctx.tenantSettings !== undefined ? ctx.tenantSettings : tenantSettings(tx, ctx);
}

/** One record with its narrative, inside the caller's transaction; logs the read. */
export async function readRecord(tx: Tx, ctx: Context, id: unknown): Promise<RecordView> {
  const row = await loadRecord(tx, id);
  const access = await requireClinicalAccessToKnownPatient(tx, ctx, row.patientId);
  await logClinicalRead(tx, ctx, access, { dataType: "medical_record", entityId: row.id });
  const settings = await shownSettings(tx, ctx);
  return toView(ctx, row, { needsReview: needsReview(settings, row.doctorId), addenda: addendaOf(ctx, row) });
}

/**
 * One record, read and logged. A user whose role reads charts, with the clinic's settings in the
 * Context (both guards put them there), takes the one-statement path (read-logged.ts); anyone
 * else (break-glass) the transaction that looks up their grant first.
 */
export async function getRecord(ctx: Context, id: unknown): Promise<RecordView> {
  const settings = ctx.tenantSettings;
  if (!can(ctx, "records:read") || settings === undefined) return withTenant(ctx, (tx) => readRecord(tx, ctx, id));
  const row = await readLoggedRecord(ctx, id);
  return toView(ctx, row, { needsReview: needsReview(settings, row.doctorId), addenda: addendaOf(ctx, row) });
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [t, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(t ?? "");
  if (!id || Number.isNaN(at.getTime())) throw new AppError("validation", recordsMessage("badCursor"), { cursor: [recordsMessage("badCursor")] });
  return { at, id };
}
const encodeCursor = (r: { occurredAt: Date; id: string }) => Buffer.from(`${r.occurredAt.toISOString()}|${r.id}`).toString("base64url");

/**
 * Records newest first, filtered by patient, doctor, status and period; keyset pages. Summaries
 * carry no narrative, but which patient was seen and for what (CID-10) is clinical: each patient
 * on the page gets its access check and read log.
 */
export async function listRecords(
  ctx: Context, input: unknown, page: { limit: number; cursor?: string },
): Promise<{ rows: RecordSummary[]; nextCursor: string | null }> {
  const f = parseInput(listRecordsSchema, input);
  if (!can(ctx, "records:read") && !f.patientId) throw forbidden();
  const after = decodeCursor(page.cursor);
  const where: Prisma.MedicalRecordWhereInput = {
    ...(f.patientId ? { patientId: f.patientId } : {}),
    ...(f.doctorId ? { doctorId: f.doctorId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.from || f.to ? { occurredAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lt: new Date(f.to) } : {}) } } : {}),
    ...(after ? { OR: [{ occurredAt: { lt: after.at } }, { occurredAt: after.at, id: { lt: after.id } }] } : {}),
  };
  return withTenant(ctx, async (tx) => {
    if (f.patientId) await requireClinicalAccess(tx, ctx, f.patientId);
    const rows = await tx.medicalRecord.findMany({
      where, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: page.limit + 1, select: summarySelect,
    });
    const shown = rows.slice(0, page.limit);
    for (const patientId of new Set(shown.map((r) => r.patientId))) {
      const access = await requireClinicalAccess(tx, ctx, patientId);
      await logClinicalRead(tx, ctx, access, { dataType: "medical_record_list" });
    }
    const last = shown[shown.length - 1];
    return { rows: shown.map(toSummary), nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null };
  });
}

export type WorkItem = { id: string; patientName: string; occurredAt: string; status: string; kind: "sign" | "review" | "returned" };

/**
 * What waits for this doctor right after sign-in (SBIS NGS1): their own notes not yet signed
 * (drafts, returned, approved) and other doctors' notes sent to review. Names and dates only, no
 * clinical content.
 */
export async function pendingWork(ctx: Context): Promise<WorkItem[]> {
  if (!can(ctx, "records:sign") || !ctx.user) return [];
  const me = ctx.user.id;
  const rows = await withTenant(ctx, async (tx) => {
    // A doctor under review does not review others (see review.ts).
    const reviews = !needsReview(await shownSettings(tx, ctx), me);
    // The ids by index (migration pending_work_function_sql: a status filter cannot narrow an
    // index scan under RLS), then their rows.
    const ids = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM pending_work_records(${me}::uuid, ${reviews}, 100)`;
    if (ids.length === 0) return [];
    return tx.medicalRecord.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      select: { id: true, doctorId: true, status: true, occurredAt: true, patient: { select: { fullName: true, socialName: true } } },
    });
  });
  return rows.map((r) => ({
    id: r.id, patientName: r.patient.socialName ?? r.patient.fullName, occurredAt: r.occurredAt.toISOString(), status: r.status,
    kind: r.doctorId !== me ? "review" : r.status === "RETURNED" ? "returned" : "sign",
  }));
}
