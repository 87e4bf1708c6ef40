import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { updatePatient } from "@/lib/patients/mutations";
import { getPatient } from "@/lib/patients/queries";

// GET /api/v1/patients/:id (Bearer, patients:read) → the registration record (the read is logged).
// PUT /api/v1/patients/:id (Bearer, patients:write) → replaces the registration fields; 200 with
// the record. Another clinic's id is 404; an archived patient is 409 until reactivated.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    return json(await getPatient(ctx, (await params).id));
  });
}

export function PUT(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:write");
    const { id } = await params;
    const body = await readJsonBody(request);
    await updatePatient(ctx, id, body);
    return json(await getPatient(ctx, id));
  });
}
