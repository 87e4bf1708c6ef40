import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { createAddendum } from "@/lib/ehr/records/addenda";

// POST /api/v1/medical-records/:id/addenda { text } (Bearer, records:sign; Idempotency-Key
//   honoured) → 201 { id, amendsId, contentHash }: a signed correction by the author of a signed
//   record; on a draft or by another doctor → 409.

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    const id = (await params).id;
    return idempotent(request, ctx, body, async () => {
      const created = await createAddendum(ctx, id, body);
      return json(created, 201, { location: `/api/v1/medical-records/${created.id}` });
    });
  });
}
