import { TZDate } from "@date-fns/tz";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden, notFound, type FieldErrors } from "@/lib/errors";
import ptBR from "@/lib/i18n/messages/pt-BR/ehr-vitals.json";
import { patientIdSchema } from "@/lib/patients/record-schemas";
import { checkVitals, VITAL_FIELDS, type VitalField, type VitalIssue, type VitalSignDto } from "./schemas";
import { toDto, vitalSelect } from "./queries";
import { text } from "@/lib/validation/text";

// Recording a set of vital signs (records:write). The values are checked with the same
// checkVitals() as the form; a valid value outside the plausible range needs the field named in
// `confirmImplausible`, else the answer is 422 listing the fields to confirm and nothing is
// written. The audit row names the fields recorded and the ones confirmed, never the values.

const t = createTranslator({ locale: "pt-BR", messages: { ehrVitals: ptBR }, namespace: "ehrVitals" });

/** An issue in the words of the catalogue (pt-BR: the API's language; the form translates codes itself). */
export function issueMessage(issue: VitalIssue): string {
  return t(`errors.${issue.code}`, issue.params as Record<string, number | string>);
}

const fieldsOf = (issues: VitalIssue[]): FieldErrors => {
  const fields: FieldErrors = {};
  for (const issue of issues) (fields[issue.field] ??= []).push(issueMessage(issue));
  return fields;
};

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
/** How far ahead of the server's clock a device's clock may be. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** ISO 8601 with offset, or "YYYY-MM-DDTHH:mm" (a datetime-local input) in the clinic's zone. */
function parseMeasuredAt(raw: unknown, timeZone: string, now: Date): Date | null {
  if (raw === undefined || raw === null || raw === "") return now;
  if (typeof raw !== "string") return null;
  const local = LOCAL_DATETIME.exec(raw.trim());
  const date = local
    ? new Date(new TZDate(+local[1]!, +local[2]! - 1, +local[3]!, +local[4]!, +local[5]!, timeZone).getTime())
    : /[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) ? new Date(raw) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  if (date.getTime() > now.getTime() + CLOCK_SKEW_MS || date.getUTCFullYear() < 1900) return null;
  return date;
}

const envelope = z.object({
  medicalRecordId: z.uuid().nullish(),
  confirmImplausible: z.array(text().max(40)).max(VITAL_FIELDS.length).optional(),
});

export type RecordVitalsInput = Partial<Record<VitalField, unknown>> & {
  measuredAt?: unknown; medicalRecordId?: unknown; confirmImplausible?: unknown;
};

function parseInput(ctx: Context, input: unknown, now: Date) {
  const raw = (input && typeof input === "object" && !Array.isArray(input) ? input : {}) as RecordVitalsInput;
  const env = envelope.safeParse({ medicalRecordId: raw.medicalRecordId, confirmImplausible: raw.confirmImplausible });
  const check = checkVitals(raw, env.success ? (env.data.confirmImplausible ?? []) : []);
  const measuredAt = parseMeasuredAt(raw.measuredAt, ctx.timeZone, now);
  const fields = fieldsOf(check.errors);
  if (!measuredAt) fields.measuredAt = [t("errors.measuredAt")];
  if (!env.success) for (const issue of env.error.issues) (fields[issue.path.join(".")] ??= []).push("Valor inválido.");
  if (Object.keys(fields).length > 0) throw new AppError("validation", "Revise os campos destacados.", fields);
  if (check.unconfirmed.length > 0) throw new AppError("unprocessable", t("errors.unconfirmed"), fieldsOf(check.unconfirmed));
  return { check, measuredAt: measuredAt!, medicalRecordId: env.success ? (env.data.medicalRecordId ?? null) : null };
}

const decimal = (n: number | undefined) => (n === undefined ? null : n.toString());

/** Records one set of measurements for a patient; returns it as the API and the UI show it. */
export async function recordVitalSigns(ctx: Context, patientId: unknown, input: unknown, now: Date = new Date()): Promise<VitalSignDto> {
  if (!can(ctx, "records:write") || !ctx.user) throw forbidden();
  const recorder = ctx.user;
  const pid = patientIdSchema.safeParse(patientId);
  if (!pid.success) throw notFound("Paciente");
  const { check, measuredAt, medicalRecordId } = parseInput(ctx, input, now);
  const v = check.values;
  return withTenant(ctx, async (tx) => {
    const patient = await tx.patient.findFirst({ where: { id: pid.data }, select: { id: true, status: true } });
    if (!patient) throw notFound("Paciente");
    if (patient.status === "ANONYMIZED") throw new AppError("conflict", "Paciente anonimizado: não recebe novos registros.");
    if (medicalRecordId) {
      const record = await tx.medicalRecord.findFirst({ where: { id: medicalRecordId, patientId: patient.id }, select: { id: true } });
      if (!record) throw notFound("Atendimento");
    }
    const row = await tx.vitalSign.create({
      data: {
        patientId: patient.id, medicalRecordId, measuredAt, recordedBy: recorder.id,
        systolicMmhg: v.systolicMmhg ?? null, diastolicMmhg: v.diastolicMmhg ?? null, heartRateBpm: v.heartRateBpm ?? null,
        respiratoryRate: v.respiratoryRate ?? null, temperatureC: decimal(v.temperatureC), spo2Percent: v.spo2Percent ?? null,
        weightGrams: v.weightKg === undefined ? null : Math.round(v.weightKg * 1000), heightCm: decimal(v.heightCm),
        glucoseMgdl: v.glucoseMgdl ?? null, painScore: v.painScore ?? null, headCircumferenceCm: decimal(v.headCircumferenceCm),
        confirmedImplausible: check.confirmed,
      },
      select: vitalSelect,
    });
    await recordAudit(tx, ctx, {
      action: "ehr.vital_signs_recorded", entityType: "vital_sign", entityId: row.id,
      metadata: { patientId: patient.id, medicalRecordId, fields: Object.keys(v), confirmedImplausible: check.confirmed },
    });
    return toDto(row);
  });
}
