import { metaOf } from "@/lib/api/context";
import { emailOnlySchema, FORGOT_PASSWORD_ANSWER, hostTenant } from "@/lib/api/auth-public";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { requestPasswordReset } from "@/lib/auth/password-reset";

// POST /api/v1/auth/forgot-password {email} → 202 with the same body, in about the same time,
// whether or not the e-mail has an account; only a malformed e-mail is a 400.
export function POST(request: Request) {
  return handle(async () => {
    const meta = metaOf(request);
    const { email } = await parseJsonBody(request, emailOnlySchema);
    await requestPasswordReset(hostTenant(meta), email, meta);
    return json(FORGOT_PASSWORD_ANSWER, 202);
  });
}
