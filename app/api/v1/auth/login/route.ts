import { metaOf } from "@/lib/api/context";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { apiLoginSchema, loginWithPassword } from "@/lib/auth/api-tokens";

// POST /api/v1/auth/login {email, password} → access + refresh tokens (clinic hosts only), or,
// for an account with a second factor, {twoFactorRequired, challenge, method} for /verify-2fa.
export function POST(request: Request) {
  return handle(async () => {
    const input = await parseJsonBody(request, apiLoginSchema);
    return json(await loginWithPassword(input, metaOf(request)));
  });
}
