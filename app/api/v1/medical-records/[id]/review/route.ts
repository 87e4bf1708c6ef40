import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { reviewRecord } from "@/lib/ehr/records/review";

// POST /api/v1/medical-records/:id/review { action: "submit" | "approve" | "return", version,
//   comment? } (Bearer; Idempotency-Key honoured) → { id, status, version }. Submit by the author
//   of a note that needs review; approve/return by another doctor; a wrong state → 409.

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    const id = (await params).id;
    return idempotent(request, ctx, body, async () => json(await reviewRecord(ctx, id, body)));
  });
}
