import { metaOf } from "@/lib/api/context";
import { hostTenant, resetPasswordSchema } from "@/lib/api/auth-public";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { completePasswordReset } from "@/lib/auth/password-reset";
import { AppError } from "@/lib/errors";

// POST /api/v1/auth/reset-password {token, password, passwordConfirmation} → 200 {status: "done"}:
// every session of the account ends. A bad or used link is 422, a weak password 400 with fields.
export function POST(request: Request) {
  return handle(async () => {
    const meta = metaOf(request);
    const { token, password, passwordConfirmation } = await parseJsonBody(request, resetPasswordSchema);
    if (password !== passwordConfirmation) {
      throw new AppError("validation", "Revise os campos destacados.", { passwordConfirmation: ["As senhas não conferem."] });
    }
    await completePasswordReset(hostTenant(meta), token, password, meta);
    return json({ status: "done" });
  });
}
