import { bearerToken, handle, json, readJsonBody } from "@/lib/api/http";
import { idempotentAs } from "@/lib/api/idempotency";
import { dispensePrescription, pharmacyScope } from "@/lib/prescriptions/pharmacy/dispense";
import { requestMetaFrom } from "@/lib/request";

// POST /api/v1/prescriptions/:id/dispense (Authorization: Bearer <pharmacy credential>;
//   Idempotency-Key honoured, per credential) { verificationCode, pharmacyCnpj, pharmacyName,
//   pharmacistName, pharmacistCrf, dispensedAt, items: [{ itemId, quantity }] } → 201 with what
//   was dispensed and what remains. Refusals carry a reason: dispenseExpired, dispenseCancelled,
//   fullyDispensed, exceedsRemaining, dispenseRace (409); cnpjMismatch (403); unknownItem (400);
//   dispenseNotFound (404: unknown id, or a code that is not this prescription's).

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const meta = requestMetaFrom(request.headers);
    const scope = await pharmacyScope(meta, bearerToken(request));
    const body = await readJsonBody(request);
    const id = (await params).id;
    return idempotentAs(request, scope.scope, scope.credential.id, body,
      async () => json(await dispensePrescription(meta, scope, id, body), 201));
  });
}
