import { apiContextFor } from "@/lib/api/context";
import { handle, json } from "@/lib/api/http";
import { listPatients } from "@/lib/patients/queries";

// GET /api/v1/patients?q=&page=&pageSize= (Bearer, patients:read) → one page of active patients.
export function GET(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    const params = new URL(request.url).searchParams;
    const { rows, page, pageSize, total } = await listPatients(ctx, {
      q: params.get("q") ?? undefined, page: params.get("page") ?? undefined, pageSize: params.get("pageSize") ?? undefined,
    });
    return json({ data: rows, page, pageSize, total });
  });
}
