import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { issueDocument } from "@/lib/documents/issue";
import { removeStoredPdf } from "@/lib/documents/storage";
import { requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { parseInput } from "@/lib/scheduling/access";
import { localDateOf } from "@/lib/scheduling/time";
import { documentBodyOf, prescriptionContentHash } from "./document-body";
import { PrescriptionError, rxError } from "./errors";
import { regulationsOf } from "./items";
import { loadPrescription, lockPrescription, OVERRIDE_REASON_COLUMN, type PrescriptionRow } from "./load";
import { assertEditable, assertPrescriber, assertVersion } from "./policy";
import { decideKind, validUntilOf, type KindRefusal } from "./rules/kinds";
import { checkPrescriptionSafety, type SafetyFinding } from "./safety";
import { safetyItemsOf } from "./safety-items";
import { signPrescriptionSchema } from "./schemas";
import type { z } from "zod";

// Sign → issue. In one transaction, under the row lock: the kind is decided again from the
// catalogue as it is now; the safety check runs again (the alerts the doctor saw may be stale);
// every blocking finding must come with the doctor's reason, kept sealed in
// prescription_overrides and audited by finding key and severity only; the row becomes SIGNED
// with its content hash; the signed document (lib/documents) is issued in the same transaction,
// so there is never a signed prescription without its document, nor the reverse.

export type SignedPrescription = {
  id: string; status: "SIGNED"; version: number; signedAt: string; validUntil: string; contentHash: string;
  documentId: string; verificationCode: string; verificationUrl: string;
};

const refusalError = (r: KindRefusal) => new PrescriptionError("unprocessable", r.code, r.params);

/** Controle especial needs the patient's CPF and address on the form (RDC 1.000/2025). */
async function assertIdentityForSpecialControl(tx: Tx, patientId: string): Promise<void> {
  const p = await tx.patient.findFirst({ where: { id: patientId }, select: { cpfEnc: true, street: true, city: true, uf: true } });
  if (!p?.cpfEnc) throw rxError("unprocessable", "patientCpfRequired", {}, "patient.cpf");
  const missing = ([["street", "logradouro"], ["city", "cidade"], ["uf", "UF"]] as const).find(([k]) => !p[k]?.trim());
  if (missing) throw rxError("unprocessable", "patientAddressRequired", { field: missing[1] }, `patient.${missing[0]}`);
}

type OverrideInput = { findingKey: string; reason: string };

/** The overrides to record: one per blocking finding (required), and any for a non-blocking one. */
function matchOverrides(findings: SafetyFinding[], given: OverrideInput[]): { finding: SafetyFinding; reason: string }[] {
  const byKey = new Map(findings.map((f) => [f.key, f]));
  if (given.some((o) => !byKey.has(o.findingKey))) throw rxError("conflict", "findingsChanged");
  const reasons = new Map(given.map((o) => [o.findingKey, o.reason]));
  const missing = findings.filter((f) => f.blocking && !reasons.get(f.key));
  if (missing.length > 0) {
    throw new PrescriptionError("unprocessable", "overrideRequired", { count: missing.length },
      Object.fromEntries(missing.map((f) => [`overrides.${f.key}`, [rxError("validation", "overrideReasonRequired").message]])));
  }
  return given.map((o) => ({ finding: byKey.get(o.findingKey)!, reason: o.reason }));
}

/** Kind, identity for controle especial, and the safety check with its overrides; throws the refusal. */
async function checksBeforeSigning(tx: Tx, ctx: Context, row: PrescriptionRow, given: OverrideInput[]) {
  const decision = decideKind(await regulationsOf(ctx, row.items, tx));
  if (decision.refusals.length > 0) throw refusalError(decision.refusals[0]!);
  if (decision.kind === "SPECIAL_CONTROL") await assertIdentityForSpecialControl(tx, row.patientId);
  const { findings } = await checkPrescriptionSafety(tx, ctx, {
    patientId: row.patientId, items: safetyItemsOf(row.items), excludePrescriptionId: row.id,
  });
  return { decision, findings, overrides: matchOverrides(findings, given) };
}

export async function signPrescription(ctx: Context, id: unknown, input: unknown, opts: { now?: Date } = {}): Promise<SignedPrescription> {
  const data = parseInput(signPrescriptionSchema, input);
  const userId = assertPrescriber(ctx, "prescriptions:sign");
  const now = opts.now ?? new Date();
  // The PDF is stored before the transaction commits; if it then fails, nothing may remain.
  const stored: string[] = [];
  try {
    return await signInTransaction(ctx, id, data, userId, now, stored);
  } catch (error) {
    for (const key of stored) await removeStoredPdf(key);
    throw error;
  }
}

async function signInTransaction(
  ctx: Context, id: unknown, data: z.output<typeof signPrescriptionSchema>, userId: string, now: Date, stored: string[],
): Promise<SignedPrescription> {
  return withTenant(ctx, async (tx) => {
    const found = await loadPrescription(tx, id);
    await requireClinicalAccessToKnownPatient(tx, ctx, found.patientId);
    await lockPrescription(tx, found.id);
    const row = await loadPrescription(tx, found.id);
    assertEditable(userId, row);
    assertVersion(row, data.version);
    if (row.items.length === 0) throw rxError("unprocessable", "noItems");

    const { decision, findings, overrides } = await checksBeforeSigning(tx, ctx, row, data.overrides);
    // Before the status changes: the database accepts overrides on drafts only.
    for (const o of overrides) {
      await tx.prescriptionOverride.create({
        data: {
          prescriptionId: row.id, findingKey: o.finding.key, severity: o.finding.severity,
          reasonEnc: sealField(ctx.tenantId, OVERRIDE_REASON_COLUMN, o.reason), overriddenBy: userId,
        },
        select: { id: true },
      });
    }

    const validUntil = validUntilOf(localDateOf(now, ctx.timeZone), decision.validityDays);
    const body = documentBodyOf(ctx.tenantId, row, decision.kind, validUntil);
    const contentHash = prescriptionContentHash({ tenantId: ctx.tenantId, row, signedAt: now, body });
    const version = row.version + 1;
    const changed = await tx.prescription.updateMany({
      where: { id: row.id, version: row.version, status: "DRAFT" },
      data: { status: "SIGNED", kind: decision.kind, signedAt: now, issuedAt: now, validUntil: new Date(`${validUntil}T00:00:00Z`), contentHash, version },
    });
    if (changed.count !== 1) throw rxError("conflict", "staleVersion", { current: version, expected: data.version }, "version");

    const audit: AuditEntry[] = [];
    const issued = await issueDocument(tx, ctx, { patientId: row.patientId, medicalRecordId: row.medicalRecordId, body, audit, stored });

    for (const o of overrides) {
      await recordAudit(tx, ctx, {
        action: "prescription.safety_overridden", entityType: "prescription", entityId: row.id,
        metadata: { findingKey: o.finding.key, severity: o.finding.severity, blocking: o.finding.blocking },
      });
    }
    for (const entry of audit) await recordAudit(tx, ctx, entry);
    await recordAudit(tx, ctx, {
      action: "prescription.signed", entityType: "prescription", entityId: row.id,
      metadata: {
        kind: decision.kind, version, contentHash, documentId: issued.documentId, itemCount: row.items.length,
        findings: findings.length, overrides: overrides.length, validUntil,
      },
    });
    return {
      id: row.id, status: "SIGNED", version, signedAt: now.toISOString(), validUntil, contentHash,
      documentId: issued.documentId, verificationCode: issued.verificationCode, verificationUrl: issued.verificationUrl,
    };
  });
}
