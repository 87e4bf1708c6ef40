import { metaOf } from "@/lib/api/context";
import { emailOnlySchema, hostTenant } from "@/lib/api/auth-public";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { resendConfirmationCode } from "@/lib/patients/self-registration";

// POST /api/v1/auth/register/patient/resend {email} → 202, whether or not a pending account
// exists (at most one new code per minute is actually sent).
export function POST(request: Request) {
  return handle(async () => {
    const meta = metaOf(request);
    const { email } = await parseJsonBody(request, emailOnlySchema);
    await resendConfirmationCode(hostTenant(meta), email, meta);
    return json({ status: "sent" }, 202);
  });
}
