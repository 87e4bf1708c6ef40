import { metaOf } from "@/lib/api/context";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { apiVerifyTwoFactorSchema, verifyTwoFactorLogin } from "@/lib/auth/api-two-factor";

// POST /api/v1/auth/verify-2fa {challenge, code} → access + refresh tokens. The challenge comes
// from /login; the code from the authenticator app, the e-mail or SMS, or a recovery code.
export function POST(request: Request) {
  return handle(async () => {
    const input = await parseJsonBody(request, apiVerifyTwoFactorSchema);
    return json(await verifyTwoFactorLogin(input, metaOf(request)));
  });
}
