import { metaOf } from "@/lib/api/context";
import { hostTenant, staffRegistrationSchema } from "@/lib/api/auth-public";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { acceptInvitation } from "@/lib/users/accept-invitation";

// POST /api/v1/auth/register/staff {token, name, cpf, crm?, crmUf?, password, passwordConfirmation}
// → 201 {email}: the invitation is accepted as by /invite/<token>; sign in afterwards.
export function POST(request: Request) {
  return handle(async () => {
    const meta = metaOf(request);
    const body = await parseJsonBody(request, staffRegistrationSchema);
    const { token, ...input } = body;
    const { email } = await acceptInvitation(hostTenant(meta), token, input, meta);
    return json({ email }, 201);
  });
}
