import { apiAuth } from "@/lib/api/context";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { apiSetupTwoFactorSchema, setupTotpOverApi } from "@/lib/auth/api-two-factor";

// POST /api/v1/auth/setup-2fa (Bearer) {} → {secret, otpauthUri, qrDataUrl}; then {code} →
// {recoveryCodes} (shown this once). Only for the bearer's own account.
export function POST(request: Request) {
  return handle(async () => {
    const { ctx } = await apiAuth(request);
    const input = await parseJsonBody(request, apiSetupTwoFactorSchema);
    return json(await setupTotpOverApi(ctx, input));
  });
}
