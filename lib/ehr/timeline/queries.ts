import { TZDate } from "@date-fns/tz";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { patientIdSchema } from "@/lib/patients/record-schemas";
import { logClinicalRead, requireClinicalAccessToKnownPatient } from "../access";
import { openFileName } from "../attachments/queries";
import { toDto, vitalSelect } from "../vitals/queries";
import { TIMELINE_PAGE, type Diagnosis, type PatientTimeline, type TimelineFilter, type TimelineItem } from "./schemas";

// The patient timeline: encounters (metadata only: the narrative stays encrypted and is the
// encounter domain's to open), diagnoses, vitals, allergies and attachment metadata, newest
// first, one page at a time. Each kind is read with the same keyset (at, id) < cursor and
// limit + 1 through an index that leads with (tenant_id, patient_id, time), then the lists are
// merged: a page costs the same for a patient with 3 or 300 encounters. uuid v7 ids order
// across tables, so (at, id) is a total order over the merged list.

type Keyset = { at: Date; id: string };
type Window = { gte?: Date; lt?: Date };

function decodeCursor(cursor: string | null): Keyset | null {
  if (!cursor) return null;
  const [at, id, extra] = cursor.split("|");
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id) || extra !== undefined) {
    throw new AppError("validation", "Cursor inválido.", { cursor: ["Cursor inválido."] });
  }
  return { at: date, id };
}

/** Calendar days in the clinic's zone as an instant window: [from 00:00, day after `to` 00:00). */
function windowOf(filter: TimelineFilter, timeZone: string): Window {
  const start = (day: string, plus = 0) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d + plus, 0, 0, timeZone).getTime());
  };
  return { ...(filter.from ? { gte: start(filter.from) } : {}), ...(filter.to ? { lt: start(filter.to, 1) } : {}) };
}

/** The where-fragment "inside the window and before the cursor" on the time column `col`. */
function timeWhere(col: string, win: Window, after: Keyset | null) {
  const range = { [col]: { ...win } };
  if (!after) return range;
  return { AND: [range, { OR: [{ [col]: { lt: after.at } }, { [col]: after.at, id: { lt: after.id } }] }] };
}

const order = (col: string) => [{ [col]: "desc" as const }, { id: "desc" as const }];

async function encounters(tx: Tx, patientId: string, kinds: TimelineFilter["kinds"], win: Window, after: Keyset | null, take: number): Promise<TimelineItem[]> {
  const withEncounters = kinds.includes("encounter");
  if (!withEncounters && !kinds.includes("diagnosis")) return [];
  const rows = await tx.medicalRecord.findMany({
    where: { patientId, ...(withEncounters ? {} : { diagnoses: { some: {} } }), ...timeWhere("occurredAt", win, after) },
    orderBy: order("occurredAt"), take,
    // Metadata only: never the sealed narrative.
    select: {
      id: true, occurredAt: true, type: true, status: true, amendsId: true, doctor: { select: { name: true } },
      diagnoses: { orderBy: { position: "asc" }, select: { code: true, cid10: { select: { shortDescription: true } } } },
    },
  });
  return rows.map((r) => {
    const diagnoses: Diagnosis[] = r.diagnoses.map((d) => ({ code: d.code, description: d.cid10.shortDescription }));
    const base = { id: r.id, at: r.occurredAt.toISOString(), doctor: r.doctor.name, diagnoses };
    return withEncounters
      ? { kind: "encounter" as const, ...base, type: r.type, status: r.status, amendsId: r.amendsId }
      : { kind: "diagnosis" as const, ...base };
  });
}

async function otherKinds(tx: Tx, tenantId: string, patientId: string, kinds: TimelineFilter["kinds"], win: Window, after: Keyset | null, take: number): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  // One query at a time on a transaction client (docs/architecture.md).
  if (kinds.includes("vitals")) {
    const rows = await tx.vitalSign.findMany({ where: { patientId, ...timeWhere("measuredAt", win, after) }, orderBy: order("measuredAt"), take, select: vitalSelect });
    items.push(...rows.map((r) => ({ kind: "vitals" as const, id: r.id, at: r.measuredAt.toISOString(), vitals: toDto(r) })));
  }
  if (kinds.includes("allergy")) {
    const rows = await tx.patientAllergy.findMany({
      where: { patientId, ...timeWhere("notedAt", win, after) }, orderBy: order("notedAt"), take,
      select: { id: true, notedAt: true, substance: true, severity: true, inactiveAt: true },
    });
    items.push(...rows.map((r) => ({ kind: "allergy" as const, id: r.id, at: r.notedAt.toISOString(), substance: r.substance, severity: r.severity, inactiveAt: r.inactiveAt?.toISOString() ?? null })));
  }
  if (kinds.includes("attachment")) {
    const rows = await tx.medicalRecordAttachment.findMany({
      where: { medicalRecord: { patientId }, ...timeWhere("createdAt", win, after) }, orderBy: order("createdAt"), take,
      select: { id: true, createdAt: true, fileNameEnc: true, mimeType: true, sizeBytes: true, medicalRecordId: true },
    });
    items.push(...rows.map((r) => ({ kind: "attachment" as const, id: r.id, at: r.createdAt.toISOString(), fileName: openFileName(tenantId, r.id, r.fileNameEnc), mimeType: r.mimeType, sizeBytes: r.sizeBytes, medicalRecordId: r.medicalRecordId })));
  }
  return items;
}

type ProblemRow = { code: string; description: string | null; encounters: number; first_at: Date; last_at: Date };

/**
 * Continuous problems: CID-10 codes recorded in two or more of the patient's encounters. The
 * diagnoses are probed per encounter through (tenant_id, medical_record_id, code): as a plain
 * join the planner may hash the clinic's whole diagnosis table, evaluating the RLS
 * current_setting() filter on every row (7 ms at 18,000 diagnoses, growing with the clinic;
 * 1.5 ms this way for 300 encounters whatever the clinic's size — docs/performance.md). The
 * DISTINCT keeps the lateral subquery from being flattened back into that join; a code is unique
 * per record anyway.
 */
async function pinnedProblems(tx: Tx, patientId: string) {
  const rows = await tx.$queryRaw<ProblemRow[]>`
    SELECT p.code, c.short_description AS description, p.encounters, p.first_at, p.last_at
      FROM (SELECT d.code, count(*)::int AS encounters, min(r.occurred_at) AS first_at, max(r.occurred_at) AS last_at
              FROM medical_records r
             CROSS JOIN LATERAL (SELECT DISTINCT x.code FROM medical_record_diagnoses x
                                  WHERE x.tenant_id = r.tenant_id AND x.medical_record_id = r.id) d
             WHERE r.tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND r.patient_id = ${patientId}::uuid
             GROUP BY d.code HAVING count(*) >= 2 ORDER BY max(r.occurred_at) DESC, d.code LIMIT 20) p
      LEFT JOIN cid10_codes c ON c.code = p.code
     ORDER BY p.last_at DESC, p.code`;
  return rows.map((r) => ({ code: r.code, description: r.description, encounters: r.encounters, firstAt: r.first_at.toISOString(), lastAt: r.last_at.toISOString() }));
}

/** One page of a patient's timeline with the pinned facts; logged as one clinical read. */
export async function getPatientTimeline(ctx: Context, patientId: unknown, filter: TimelineFilter): Promise<PatientTimeline> {
  const after = decodeCursor(filter.cursor);
  const win = windowOf(filter, ctx.timeZone);
  const take = TIMELINE_PAGE + 1;
  return withTenant(ctx, async (tx) => {
    // The patient's pinned facts double as the existence check (another clinic's id: not found).
    const parsed = patientIdSchema.safeParse(patientId);
    const patient = parsed.success ? await tx.patient.findFirst({
      where: { id: parsed.data },
      select: {
        id: true, deniesAllergies: true,
        allergies: { where: { inactiveAt: null }, orderBy: { notedAt: "desc" }, take: 50, select: { id: true, substance: true, severity: true } },
      },
    }) : null;
    if (!patient) throw notFound("Paciente");
    const access = await requireClinicalAccessToKnownPatient(tx, ctx, patient.id);
    const id = access.patientId;
    const merged = [...(await encounters(tx, id, filter.kinds, win, after, take)), ...(await otherKinds(tx, ctx.tenantId, id, filter.kinds, win, after, take))]
      .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
    const items = merged.slice(0, TIMELINE_PAGE);
    const last = items.at(-1);
    const problems = await pinnedProblems(tx, id);
    await logClinicalRead(tx, ctx, access, { dataType: "patient_timeline" });
    return {
      pinned: { allergies: patient.allergies, deniesAllergies: patient.deniesAllergies, problems },
      items,
      nextCursor: merged.length > TIMELINE_PAGE && last ? `${last.at}|${last.id}` : null,
      access: { via: access.via, expiresAt: access.via === "break_glass" ? access.expiresAt.toISOString() : null },
    };
  });
}
