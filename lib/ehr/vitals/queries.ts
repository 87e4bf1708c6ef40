import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logClinicalRead, requireClinicalAccess } from "../access";
import { computeBmi, VITAL_FIELDS, type VitalField, type VitalSignDto, type VitalValues } from "./schemas";

// A patient's vital signs, newest first, by keyset on (measured_at, id) through
// vital_signs (tenant_id, patient_id, measured_at DESC, id DESC). Every read goes through
// requireClinicalAccess and leaves its data_access_logs row in the same transaction.

export const vitalSelect = {
  id: true, measuredAt: true, medicalRecordId: true, systolicMmhg: true, diastolicMmhg: true, heartRateBpm: true,
  respiratoryRate: true, temperatureC: true, spo2Percent: true, weightGrams: true, heightCm: true, glucoseMgdl: true,
  painScore: true, headCircumferenceCm: true, confirmedImplausible: true,
  recorder: { select: { id: true, name: true } },
} satisfies Prisma.VitalSignSelect;

type Row = Prisma.VitalSignGetPayload<{ select: typeof vitalSelect }>;

const num = (v: { toNumber(): number } | number | null): number | undefined =>
  v === null ? undefined : typeof v === "number" ? v : v.toNumber();

export function toDto(r: Row): VitalSignDto {
  const all: Record<VitalField, number | undefined> = {
    systolicMmhg: num(r.systolicMmhg), diastolicMmhg: num(r.diastolicMmhg), heartRateBpm: num(r.heartRateBpm),
    respiratoryRate: num(r.respiratoryRate), temperatureC: num(r.temperatureC), spo2Percent: num(r.spo2Percent),
    weightKg: r.weightGrams === null ? undefined : r.weightGrams / 1000, heightCm: num(r.heightCm),
    glucoseMgdl: num(r.glucoseMgdl), painScore: num(r.painScore), headCircumferenceCm: num(r.headCircumferenceCm),
  };
  const values: VitalValues = {};
  for (const f of VITAL_FIELDS) if (all[f] !== undefined) values[f] = all[f];
  return {
    id: r.id, measuredAt: r.measuredAt.toISOString(), medicalRecordId: r.medicalRecordId, values,
    bmi: computeBmi(values.weightKg, values.heightCm),
    confirmedImplausible: r.confirmedImplausible.filter((f): f is VitalField => (VITAL_FIELDS as readonly string[]).includes(f)),
    recordedBy: r.recorder,
  };
}

export const MAX_VITALS_PAGE = 200;

export type VitalsPage = { rows: VitalSignDto[]; nextCursor: string | null };

/** The domain's own cursor: the last row's (measuredAt, id). The API signs it (lib/api/pagination). */
export function encodeVitalsCursor(row: Pick<VitalSignDto, "measuredAt" | "id">): string {
  return `${row.measuredAt}|${row.id}`;
}

function decodeVitalsCursor(cursor: string): { at: Date; id: string } {
  const [at, id, extra] = cursor.split("|");
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id) || extra !== undefined) {
    throw new AppError("validation", "Cursor inválido.", { cursor: ["Cursor inválido."] });
  }
  return { at: date, id };
}

/** One page of a patient's vital signs, newest first (limit 1–200, default 50). */
export async function listVitalSigns(ctx: Context, patientId: unknown, options: { limit?: number; cursor?: string | null } = {}): Promise<VitalsPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), MAX_VITALS_PAGE);
  const after = options.cursor ? decodeVitalsCursor(options.cursor) : null;
  return withTenant(ctx, async (tx) => {
    const access = await requireClinicalAccess(tx, ctx, patientId);
    const rows = await tx.vitalSign.findMany({
      where: {
        patientId: access.patientId,
        ...(after ? { OR: [{ measuredAt: { lt: after.at } }, { measuredAt: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ measuredAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: vitalSelect,
    });
    await logClinicalRead(tx, ctx, access, { dataType: "vital_signs" });
    const data = rows.slice(0, limit).map(toDto);
    const last = data.at(-1);
    return { rows: data, nextCursor: rows.length > limit && last ? encodeVitalsCursor(last) : null };
  });
}
