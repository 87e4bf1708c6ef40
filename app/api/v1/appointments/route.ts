import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { listQuery, scopeOf, unwrapCursor, wrapCursor } from "@/lib/api/pagination";
import { bookAppointment } from "@/lib/scheduling/booking";
import { listAppointments, readAppointment } from "@/lib/scheduling/queries";

// GET /api/v1/appointments?from=&to=&doctorId=&agendaId=&patientId=&status=&limit=&cursor=
//   (Bearer, appointments:read) → { data, nextCursor }, ordered by start time.
// POST /api/v1/appointments (Bearer, appointments:write; Idempotency-Key honoured) → 201 with the
//   appointment; a taken slot → 409 naming the appointment that holds it.

export function GET(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "appointments:read");
    const { filters, cursor, limit } = listQuery(request);
    const scope = scopeOf("/api/v1/appointments", filters);
    const page = await listAppointments(ctx, { ...filters, limit, cursor: unwrapCursor(cursor, scope) });
    return json({ data: page.rows, nextCursor: wrapCursor(page.nextCursor, scope) });
  });
}

export function POST(request: Request) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "appointments:write");
    const body = await readJsonBody(request);
    // One transaction: the booking, its answer read back (and logged), and the answer kept for
    // the Idempotency-Key, all before the audit row (docs/performance.md, "What limits booking").
    return idempotent(request, ctx, body, async (keep) => {
      let answer: Response | undefined;
      await bookAppointment(ctx, body, new Date(), {
        beforeAudit: async (tx, id) => {
          answer = json(await readAppointment(tx, ctx, id), 201, { location: `/api/v1/appointments/${id}` });
          await keep(tx, answer);
        },
      });
      return answer!;
    });
  });
}
