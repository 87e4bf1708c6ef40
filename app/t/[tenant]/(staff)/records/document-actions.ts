"use server";

import { actionResult, type ActionResult } from "@/lib/action-result";
import { contextFor } from "@/lib/auth/guards";
import { cancelDocumentById } from "@/lib/documents/cancel";
import { issueChartDocument } from "@/lib/documents/mutations";

// The chart's Documents panel: each export is a public POST endpoint, so each builds its own
// context; the domain functions validate, decide access, sign, store and audit.

export async function issueDocumentAction(recordId: string, input: unknown): Promise<ActionResult<{ documentId: string; verificationCode: string }>> {
  return actionResult(async () => {
    const issued = await issueChartDocument(await contextFor("records:sign"), recordId, input);
    return { documentId: issued.documentId, verificationCode: issued.verificationCode };
  });
}

export async function cancelDocumentAction(documentId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => ({ id: (await cancelDocumentById(await contextFor("records:sign"), documentId, input)).id }));
}
