import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { signRecord } from "@/lib/ehr/records/sign";

// POST /api/v1/medical-records/:id/sign { version, contentHash? } (Bearer, records:sign;
//   Idempotency-Key honoured) → { id, status: "SIGNED", contentHash, signedAt, version }.
//   Already signed, another doctor's draft, a stale version or a content hash that no longer
//   matches → 409 and nothing changes.

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    const id = (await params).id;
    return idempotent(request, ctx, body, async () => json(await signRecord(ctx, id, body)));
  });
}
