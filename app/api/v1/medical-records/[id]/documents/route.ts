import { handle, json, readJsonBody } from "@/lib/api/http";
import { idempotent } from "@/lib/api/idempotency";
import { requestContextFor } from "@/lib/api/request-context";
import { issueChartDocument } from "@/lib/documents/mutations";
import { listRecordDocuments } from "@/lib/documents/queries";

// GET  /api/v1/medical-records/:id/documents (Bearer or session) → { data: Document[] } of the
//      encounter, newest first; logged in data_access_logs. No clinical access: 403; another clinic's: 404.
// POST /api/v1/medical-records/:id/documents (Bearer or same-origin session; records:sign;
//      Idempotency-Key honoured) { kind: MEDICAL_CERTIFICATE | ATTENDANCE_DECLARATION | EXAM_REQUEST |
//      REFERRAL, … } → 201 { documentId, kind, verificationCode, verificationUrl }: signed, stored,
//      verifiable at /v/<code>. Prescriptions are issued by signing them (/api/v1/prescriptions).

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await requestContextFor(request, "dashboard:view");
    return json({ data: await listRecordDocuments(ctx, (await params).id) });
  });
}

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await requestContextFor(request, "records:sign");
    const body = await readJsonBody(request);
    const id = (await params).id;
    return idempotent(request, ctx, body, async () => {
      const issued = await issueChartDocument(ctx, id, body);
      return json(issued, 201, { location: `/api/v1/documents/${issued.documentId}` });
    });
  });
}
