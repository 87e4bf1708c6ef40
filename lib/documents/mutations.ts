import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/scheduling/access";
import { issueDocument, mayIssue, type IssuedDocument } from "./issue";
import { bodyFromInput } from "./kinds/layout";
import { documentIdSchema, issueDocumentSchema } from "./schemas";
import { removeStoredPdf } from "./storage";

// Issuing one of the chart's documents (atestado, declaração, pedido de exames, encaminhamento)
// for the encounter `recordId`: any doctor of the clinic with access to the patient, whatever the
// record's state (a certificate is often written before the note is signed).

export async function issueChartDocument(ctx: Context, recordId: unknown, input: unknown): Promise<IssuedDocument & { kind: string }> {
  const data = parseInput(issueDocumentSchema, input);
  if (!mayIssue(ctx, data.kind)) throw forbidden();
  const parsedId = documentIdSchema.safeParse(recordId);
  if (!parsedId.success) throw notFound("Registro do prontuário");
  const id = parsedId.data;
  const stored: string[] = [];
  try {
    return await withTenant(ctx, async (tx) => {
      const record = await tx.medicalRecord.findFirst({ where: { id }, select: { id: true, patientId: true } });
      if (!record) throw notFound("Registro do prontuário");
      const body = await bodyFromInput(tx, data);
      const issued = await issueDocument(tx, ctx, { patientId: record.patientId, medicalRecordId: record.id, body, stored });
      return { ...issued, kind: data.kind };
    });
  } catch (error) {
    // The transaction did not commit: its stored object belongs to no row.
    for (const key of stored) await removeStoredPdf(key);
    throw error;
  }
}
