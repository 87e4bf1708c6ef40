import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { listQuery, pageParams, scopeOf, unwrapCursor, wrapCursor } from "@/lib/api/pagination";
import { recordVitalSigns } from "@/lib/ehr/vitals/mutations";
import { listVitalSigns } from "@/lib/ehr/vitals/queries";

// GET /api/v1/patients/:id/vital-signs?limit=&cursor= (Bearer; clinical access: records:read or
//   a live break-glass grant) → { data, nextCursor }, newest first; the read is logged.
// POST /api/v1/patients/:id/vital-signs (Bearer, records:write) → 201 with the measurement.
//   Impossible values → 400 with fields; valid but implausible ones not listed in
//   `confirmImplausible` → 422 with the fields to confirm; nothing is written in either case.
// Another clinic's patient is 404; a role without clinical access is 403.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    // patients:read only lets the request reach the clinical decision, which is the domain's.
    const ctx = await apiContextFor(request, "patients:read");
    const { id } = await params;
    const { cursor, limit } = listQuery(request);
    const page = pageParams.parse({ limit, cursor: cursor ?? undefined });
    const scope = scopeOf(`/api/v1/patients/${id}/vital-signs`, {});
    const result = await listVitalSigns(ctx, id, { limit: page.limit, cursor: unwrapCursor(page.cursor, scope) });
    return json({ data: result.rows, nextCursor: wrapCursor(result.nextCursor, scope) });
  });
}

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "records:write");
    const { id } = await params;
    const row = await recordVitalSigns(ctx, id, await readJsonBody(request));
    return json(row, 201, { location: `/api/v1/patients/${id}/vital-signs/${row.id}` });
  });
}
