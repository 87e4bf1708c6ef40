import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { listQuery, pageParams, scopeOf, unwrapCursor, wrapCursor } from "@/lib/api/pagination";
import { parseInput } from "@/lib/scheduling/access";
import { openEncounter } from "@/lib/ehr/records/mutations";
import { getRecord, listRecords } from "@/lib/ehr/records/queries";

// GET /api/v1/medical-records?patientId=&doctorId=&status=&from=&to=&limit=&cursor=
//   (Bearer; clinical roles) → { data: summaries, nextCursor }, newest first; each patient shown
//   leaves a data_access_logs row.
// POST /api/v1/medical-records { appointmentId | patientId, templateId? } (Bearer, records:write;
//   Idempotency-Key honoured) → 201 with the record; an appointment is moved to in progress and
//   its existing note returned (200) on a second call.
// The clinical decision is the domain's (lib/ehr/access.ts): the token only has to be staff.

export function GET(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const { filters, cursor, limit } = listQuery(request);
    const page = parseInput(pageParams, { limit, cursor: cursor ?? undefined });
    const scope = scopeOf("/api/v1/medical-records", filters);
    const result = await listRecords(ctx, filters, { limit: page.limit, cursor: unwrapCursor(page.cursor, scope) });
    return json({ data: result.rows, nextCursor: wrapCursor(result.nextCursor, scope) });
  });
}

export function POST(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    return idempotent(request, ctx, body, async () => {
      const { id, created } = await openEncounter(ctx, body);
      return json(await getRecord(ctx, id), created ? 201 : 200, { location: `/api/v1/medical-records/${id}` });
    });
  });
}
