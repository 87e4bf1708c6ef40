import { apiContextFor } from "@/lib/api/context";
import { handle, json } from "@/lib/api/http";
import { verifyRecord } from "@/lib/ehr/records/verify";

// GET /api/v1/medical-records/:id/verification → who signed, when, with which certificate, and
//   whether the stored content still matches the signature ({ valid, contentMatches, problems }).

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await apiContextFor(request, "patients:read");
    return json(await verifyRecord(ctx, (await params).id));
  });
}
