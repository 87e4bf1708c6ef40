import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { getAppointment } from "@/lib/scheduling/queries";
import { updateAppointment } from "@/lib/scheduling/update";

// GET /api/v1/appointments/:id (Bearer, appointments:read) → the appointment.
// PUT /api/v1/appointments/:id (Bearer) → { status, cancellationReason } moves it through the
//   status machine; { startsAt[, agendaId] } reschedules it (the answer is the new appointment);
//   { reason, modality } edits it. Another clinic's id, or one a doctor may not see, is 404.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "appointments:read");
    return json(await getAppointment(ctx, (await params).id));
  });
}

export function PUT(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "appointments:read");
    const body = await readJsonBody(request);
    return json(await updateAppointment(ctx, (await params).id, body));
  });
}
