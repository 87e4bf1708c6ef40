import { v7 as uuidv7 } from "uuid";
import type { Context } from "@/lib/context";
import { callTenantFunction } from "@/lib/db/tenant";
import { routinePurpose } from "@/lib/ehr/access";
import { notFound } from "@/lib/errors";
import { recordIdSchema, type RecordRow } from "./load";
import { recordsMessage } from "./messages";

// The chart read for a user whose role reads charts, as one statement: the SQL function
// read_medical_record (migration 20261205100000_chart_read_function_sql) enters the tenant, reads
// the row loadRecord would read and writes its data_access_logs row, in that statement's own
// transaction. Five round trips through an interactive transaction became one; the figures are
// in docs/performance.md. Break-glass reads need their grant looked up first and stay on
// readRecord's transaction path.

type Ms = number;
type Wire = Omit<RecordRow, "occurredAt" | "updatedAt" | "submittedAt" | "reviewedAt" | "signedAt" | "patient" | "addenda"> & {
  occurredAt: Ms; updatedAt: Ms; submittedAt: Ms | null; reviewedAt: Ms | null; signedAt: Ms | null;
  patient: Omit<RecordRow["patient"], "birthDate"> & { birthDate: Ms | null };
  addenda: (Omit<RecordRow["addenda"][number], "signedAt"> & { signedAt: Ms | null })[];
};

const at = (ms: Ms | null): Date | null => (ms === null ? null : new Date(ms));

function fromWire(w: Wire): RecordRow {
  return {
    ...w,
    occurredAt: new Date(w.occurredAt), updatedAt: new Date(w.updatedAt),
    submittedAt: at(w.submittedAt), reviewedAt: at(w.reviewedAt), signedAt: at(w.signedAt),
    patient: { ...w.patient, birthDate: at(w.patient.birthDate) },
    addenda: w.addenda.map((a) => ({ ...a, signedAt: at(a.signedAt) })),
  };
}

/**
 * The record as loadRecord returns it, with its read logged as logClinicalRead would log a read
 * by role (routine purpose, "tutela da saúde"). The caller has checked records:read. A bad id,
 * another clinic's id and an unknown id are all "not found", and leave no log row.
 */
export async function readLoggedRecord(ctx: Context, id: unknown): Promise<RecordRow> {
  if (!ctx.user) throw new Error("readLoggedRecord needs an authenticated user");
  const parsed = recordIdSchema.safeParse(id);
  if (!parsed.success) throw notFound(recordsMessage("recordNotFound"));
  const wire = await callTenantFunction<Wire>(ctx, "read_medical_record", [parsed.data, uuidv7(), routinePurpose(ctx), ctx.ip]);
  if (!wire) throw notFound(recordsMessage("recordNotFound"));
  return fromWire(wire);
}
