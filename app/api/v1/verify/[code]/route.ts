import { metaOf } from "@/lib/api/context";
import { handle, json } from "@/lib/api/http";
import { verifyDocumentCode } from "@/lib/documents/verify";
import { notFound } from "@/lib/errors";
import { findTenant } from "@/lib/tenancy/current";

// GET /api/v1/verify/:code (public, no authentication; on the clinic's host) → what the
// verification page shows: state VALID | CANCELLED | EXPIRED, kind, issued when and by whom (name,
// CRM/UF, RQE), validity, whether the stored signature verifies, dispensing status of a
// prescription, the patient's initials and nothing else. An unknown code (or another clinic's): 404.

type Params = { params: Promise<{ code: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const { tenantSlug } = metaOf(request);
    const tenant = tenantSlug ? await findTenant(tenantSlug) : null;
    if (!tenant || tenant.status !== "ACTIVE") throw notFound("Documento");
    const result = await verifyDocumentCode(tenant.id, (await params).code);
    if (!result) throw notFound("Documento");
    return json(result);
  });
}
