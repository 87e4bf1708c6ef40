import { metaOf } from "@/lib/api/context";
import { hostTenant } from "@/lib/api/auth-public";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { confirmEmail } from "@/lib/patients/self-registration";
import { z } from "zod";
import { text } from "@/lib/validation/text";

// POST /api/v1/auth/register/patient/confirm {email, code} → 200 {status: "confirmed"}; a wrong,
// expired or spent code (5 attempts) answers 422 with the form's message.
export function POST(request: Request) {
  return handle(async () => {
    const meta = metaOf(request);
    const body = await parseJsonBody(request, z.record(text(), z.unknown()));
    await confirmEmail(hostTenant(meta), body, meta);
    return json({ status: "confirmed" });
  });
}
