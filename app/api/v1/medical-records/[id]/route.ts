import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { saveDraft } from "@/lib/ehr/records/mutations";
import { getRecord } from "@/lib/ehr/records/queries";

// GET /api/v1/medical-records/:id → the record with its narrative, diagnoses, addenda and the
//   contentHash a sign request names; the read is logged.
// PUT /api/v1/medical-records/:id { version, sections, diagnoses? } → saves the draft at that
//   version: { id, version, updatedAt, contentHash }; a stale version or a signed record → 409.
// Another clinic's id is 404; roles without clinical access are 403.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    return json(await getRecord(ctx, (await params).id));
  });
}

export function PUT(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    return json(await saveDraft(ctx, (await params).id, body));
  });
}
