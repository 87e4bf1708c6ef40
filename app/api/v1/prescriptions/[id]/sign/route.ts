import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { signPrescription } from "@/lib/prescriptions/sign";

// POST /api/v1/prescriptions/:id/sign { version, overrides?: [{ findingKey, reason }] } (Bearer,
//   prescriptions:sign; Idempotency-Key honoured) → { id, status: "SIGNED", version, signedAt,
//   validUntil, contentHash, documentId, verificationCode, verificationUrl }. A blocking safety
//   finding without a reason → 422 overrideRequired; a stale version → 409.

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    const id = (await params).id;
    return idempotent(request, ctx, body, async () => json(await signPrescription(ctx, id, body)));
  });
}
