import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { updatePrescriptionDraft } from "@/lib/prescriptions/drafts";
import { getPrescription } from "@/lib/prescriptions/queries";

// GET /api/v1/prescriptions/:id → the prescription with its items, document, overrides (reasons
//   for the author only) and dispensings; the read is logged.
// PUT /api/v1/prescriptions/:id { version, items, notes? } → replaces the draft's items at that
//   version: the prescription as saved. Signed or cancelled, another doctor's, or a stale
//   version → 409 and nothing changes. Another clinic's id is 404.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    return json(await getPrescription(ctx, (await params).id));
  });
}

export function PUT(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    const { id } = await updatePrescriptionDraft(ctx, (await params).id, body);
    return json(await getPrescription(ctx, id));
  });
}
