import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { createPrescriptionDraft } from "@/lib/prescriptions/drafts";
import { getPrescription, listPrescriptions } from "@/lib/prescriptions/queries";

// GET /api/v1/prescriptions?patientId=|medicalRecordId= (Bearer; whoever may read the chart)
//   → { data: summaries }, newest first (at most 100); the read is logged.
// POST /api/v1/prescriptions { medicalRecordId, items?, notes? } (Bearer, prescriptions:write, in
//   an encounter of one's own; Idempotency-Key honoured) → 201 with the draft.

export function GET(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const params = new URL(request.url).searchParams;
    const filters = Object.fromEntries([...params.entries()].filter(([k]) => k === "patientId" || k === "medicalRecordId"));
    return json({ data: await listPrescriptions(ctx, filters) });
  });
}

export function POST(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const body = await readJsonBody(request);
    return idempotent(request, ctx, body, async () => {
      const { id } = await createPrescriptionDraft(ctx, body);
      return json(await getPrescription(ctx, id), 201, { location: `/api/v1/prescriptions/${id}` });
    });
  });
}
