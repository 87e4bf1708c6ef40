import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { cancelPrescription } from "@/lib/prescriptions/lifecycle";

// POST /api/v1/prescriptions/:id/cancel { reason } (Bearer, the author; Idempotency-Key honoured)
//   → { id, status: "CANCELLED" }; the signed document is cancelled with it. Never deleted.

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    const id = (await params).id;
    return idempotent(request, ctx, body, async () => json(await cancelPrescription(ctx, id, body)));
  });
}
