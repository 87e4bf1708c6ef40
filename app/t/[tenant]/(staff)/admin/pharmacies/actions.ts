"use server";

import { revalidatePath } from "next/cache";
import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { issuePharmacyCredential, revokePharmacyCredential } from "@/lib/prescriptions/pharmacy/credentials";

// Thin adapters (public POST endpoints): settings:manage, then the domain function. The issued
// token goes back once, in this answer; nothing stores it in clear.

export async function issuePharmacyCredentialAction(input: unknown): Promise<ActionResult<{ token: string; pharmacyName: string }>> {
  return actionResult(async () => {
    const { credential, token } = await issuePharmacyCredential(await contextFor("settings:manage"), input);
    revalidatePath("/t/[tenant]/(staff)/admin/pharmacies", "page");
    return { token, pharmacyName: credential.pharmacyName };
  });
}

export async function revokePharmacyCredentialAction(id: unknown): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const revoked = await revokePharmacyCredential(await contextFor("settings:manage"), id);
    revalidatePath("/t/[tenant]/(staff)/admin/pharmacies", "page");
    return { id: revoked.id };
  });
}
