import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { listQuery } from "@/lib/api/pagination";
import { searchPatientsForApi } from "@/lib/api/patients-query";
import { createPatient } from "@/lib/patients/mutations";
import { getPatient } from "@/lib/patients/queries";

// GET /api/v1/patients?q=|cpf=|phone=|birthDate=&status=&limit=&cursor= (Bearer, patients:read)
//   → { data, nextCursor, total, capped }: one search criterion at a time, as the staff list.
// POST /api/v1/patients (Bearer, patients:write; Idempotency-Key honoured) → 201 with the record.

export function GET(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const { filters, cursor, limit } = listQuery(request);
    return json(await searchPatientsForApi(ctx, { ...filters, ...(limit === undefined ? {} : { limit }) }, cursor));
  });
}

export function POST(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:write");
    const body = await readJsonBody(request);
    return idempotent(request, ctx, body, async () => {
      const { id } = await createPatient(ctx, body);
      return json(await getPatient(ctx, id), 201, { location: `/api/v1/patients/${id}` });
    });
  });
}
