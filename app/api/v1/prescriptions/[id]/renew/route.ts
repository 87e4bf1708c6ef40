import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { renewPrescription } from "@/lib/prescriptions/lifecycle";
import { getPrescription } from "@/lib/prescriptions/queries";

// POST /api/v1/prescriptions/:id/renew { medicalRecordId } (Bearer, prescriptions:write;
//   Idempotency-Key honoured) → 201 with a new draft of the signed prescription's continuous-use
//   items, linked by renewedFromId, in that encounter of one's own.

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    const id = (await params).id;
    return idempotent(request, ctx, body, async () => {
      const renewed = await renewPrescription(ctx, id, body);
      return json(await getPrescription(ctx, renewed.id), 201, { location: `/api/v1/prescriptions/${renewed.id}` });
    });
  });
}
