"use server";

import { formField } from "@/lib/action-result";
import { isAppError } from "@/lib/errors";
import { actOnLink } from "@/lib/engagement/link-actions";
import { requestMeta } from "@/lib/request";
import type { LinkActionState } from "@/components/engagement/link-action-form";

// Unauthenticated by design: the signed token is the credential (see lib/engagement/link-actions.ts).
// The clinic is the request host's; Next checks the Origin of server actions against the host.

export async function linkAction(_prev: LinkActionState, form: FormData): Promise<LinkActionState> {
  const meta = await requestMeta();
  const token = formField(form, "token");
  if (!meta.tenantSlug || !token) return { status: "error", message: "Link inválido ou expirado." };
  try {
    await actOnLink(meta.tenantSlug, token, meta);
    return { status: "done" };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    throw error;
  }
}
