import { handle, json } from "@/lib/api/http";
import { verifyDocumentCode } from "@/lib/documents/verify";
import { rxError } from "@/lib/prescriptions/errors";
import { requestMetaFrom } from "@/lib/request";
import { findTenant } from "@/lib/tenancy/current";
import { text } from "@/lib/validation/text";

// GET /api/v1/prescriptions/verify?code= (public, on the clinic's host) → the public facts of the
//   document with that verification code (lib/documents/verify.ts: valid or not, issued when and
//   by whom, dispensing status; nothing about the patient beyond initials). Unknown → 404.

const codeSchema = text().trim().min(4).max(20);

export function GET(request: Request) {
  return handle(async () => {
    const meta = requestMetaFrom(request.headers);
    const tenant = meta.tenantSlug ? await findTenant(meta.tenantSlug) : null;
    const code = codeSchema.safeParse(new URL(request.url).searchParams.get("code") ?? "");
    if (!tenant || tenant.status !== "ACTIVE" || !code.success) throw rxError("not_found", "dispenseNotFound");
    const verification = await verifyDocumentCode(tenant.id, code.data);
    if (!verification) throw rxError("not_found", "dispenseNotFound");
    return json(verification);
  });
}
