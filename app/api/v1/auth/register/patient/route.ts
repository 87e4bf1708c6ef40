import { metaOf } from "@/lib/api/context";
import { hostTenant } from "@/lib/api/auth-public";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { registerPatient } from "@/lib/patients/self-registration";
import { z } from "zod";
import { text } from "@/lib/validation/text";

// POST /api/v1/auth/register/patient {name, cpf, birthDate: "dd/mm/aaaa", email, phone, password,
// terms: true, consentEmail, consentSms} → 202 {email, status: "pending_confirmation"}. A code is
// mailed; POST …/register/patient/confirm activates the account. The answer is the same when the
// e-mail already has an account (that owner is told by mail instead).
export function POST(request: Request) {
  return handle(async () => {
    const meta = metaOf(request);
    const body = await parseJsonBody(request, z.record(text(), z.unknown()));
    const { email } = await registerPatient(hostTenant(meta), body, meta);
    return json({ email, status: "pending_confirmation" }, 202);
  });
}
