import { apiContextFor } from "@/lib/api/context";
import { handle, json } from "@/lib/api/http";
import { getPatientTimeline } from "@/lib/ehr/timeline/queries";
import { parseTimelineParams } from "@/lib/ehr/timeline/schemas";

// GET /api/v1/patients/:id/timeline?kinds=encounter,vitals&from=2026-01-01&to=2026-06-30&cursor=
//   (Bearer; clinical access: records:read or a live break-glass grant) → the timeline page the
//   patient page shows: { pinned: { allergies, deniesAllergies, problems }, items, nextCursor,
//   access }, newest first, 30 items a page, metadata only (no narrative); the read is logged.
//   Unknown kinds are dropped and bad dates ignored, as on the page; a bad cursor is 400.
// Another clinic's patient is 404; a role without clinical access is 403.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    // patients:read only lets the request reach the clinical decision, which is the domain's.
    const ctx = await apiContextFor(request, "patients:read");
    const { id } = await params;
    const q = new URL(request.url).searchParams;
    const filter = parseTimelineParams({
      tipo: q.get("kinds") ?? undefined, de: q.get("from") ?? undefined, ate: q.get("to") ?? undefined, cursor: q.get("cursor") ?? undefined,
    });
    return json(await getPatientTimeline(ctx, id, filter));
  });
}
