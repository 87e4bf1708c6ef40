import { apiContextFor } from "@/lib/api/context";
import { handle, json, readJsonBody } from "@/lib/api/http";
import { undoStatusChange } from "@/lib/scheduling/status/revert";

// POST /api/v1/appointments/:id/revert (Bearer) { reason } → { id, status }: undoes the last
// status move (confirmation, check-in, no-show) the same day, by whoever made it or an admin.
// Refusals carry { reason, params } beside the message (lib/scheduling/status/errors.ts):
// notUndoable / undoDayPassed / undoSlotTaken 409, undoNotYours 403, undoReasonRequired 400.

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "appointments:read");
    const body = await readJsonBody(request);
    return json(await undoStatusChange(ctx, (await params).id, body));
  });
}
