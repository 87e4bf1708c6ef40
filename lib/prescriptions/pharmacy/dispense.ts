import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { documentByVerificationCode } from "@/lib/documents/verify";
import { formatCalendarDate } from "@/lib/format/date";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RequestMeta } from "@/lib/request";
import { parseInput } from "@/lib/scheduling/access";
import { localDateOf } from "@/lib/scheduling/time";
import { findTenant } from "@/lib/tenancy/current";
import { rxError } from "../errors";
import { loadPrescription, type PrescriptionRow } from "../load";
import { credentialForToken, type PharmacyCredentialRow } from "./credentials";
import { dispenseSchema, type DispenseResult } from "./schemas";

// A pharmacy records what it dispensed: authenticated by the clinic's credential (bearer token)
// and by the verification code printed on the prescription (it holds the paper or the PDF), for
// the CNPJ that credential was issued to. Partial dispensing adds up; the database keeps the sum
// within the prescribed quantity (CHECK prescription_items_dispensed_within) however requests
// race: each adds its units with `dispensed_quantity = dispensed_quantity + n` under the row
// lock, and the loser of the last units fails that check and gets a 409, never an over-dispense.

/** A pharmacy's clock may run a little ahead of ours; beyond this a dispensing is "in the future". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export type PharmacyActor = Pick<RequestMeta, "requestId" | "ip" | "userAgent"> & { user: null };

/** PostgreSQL's check_violation (23514) on prescription_items_dispensed_within, however the driver wraps it. */
export function isDispensedWithinViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const o = e as { code?: string; message?: string; meta?: unknown; cause?: unknown };
    if (typeof o.message === "string" && o.message.includes("prescription_items_dispensed_within")) return true;
    if (o instanceof Prisma.PrismaClientKnownRequestError && JSON.stringify(o.meta ?? {}).includes("prescription_items_dispensed_within")) return true;
    e = o.cause;
  }
  return false;
}

/** The clinic of the host and the live credential of the token, or 401. */
export async function pharmacyScope(meta: RequestMeta, token: string | null) {
  const tenant = meta.tenantSlug ? await findTenant(meta.tenantSlug) : null;
  if (!tenant || tenant.status !== "ACTIVE" || !token) throw rxError("unauthorized", "pharmacyUnauthorized");
  const scope = { tenantId: tenant.id, requestId: meta.requestId, user: null };
  const credential = await withTenant(scope, (tx) => credentialForToken(tx, token));
  if (!credential) throw rxError("unauthorized", "pharmacyUnauthorized");
  return { tenant, scope, credential };
}

function assertDispensable(row: PrescriptionRow, documentStatus: string, today: string): void {
  if (row.status === "CANCELLED" || documentStatus === "CANCELLED") throw rxError("conflict", "dispenseCancelled");
  if (row.status !== "SIGNED") throw rxError("not_found", "dispenseNotFound");
  const validUntil = row.validUntil?.toISOString().slice(0, 10) ?? null;
  if (validUntil && validUntil < today) throw rxError("conflict", "dispenseExpired", { date: formatCalendarDate(validUntil) });
  if (row.items.every((i) => i.dispensedQuantity >= i.quantity)) throw rxError("conflict", "fullyDispensed");
}

type Request = { itemId: string; quantity: number };

/** Adds the units item by item (in id order, so two requests never lock in opposite orders). */
async function addUnits(tx: Tx, row: PrescriptionRow, requests: Request[]) {
  const out: DispenseResult["items"] = [];
  for (const r of [...requests].sort((a, b) => a.itemId.localeCompare(b.itemId))) {
    const rows = await tx.$queryRaw<{ dispensed_quantity: number; quantity: number }[]>`
      UPDATE prescription_items SET dispensed_quantity = dispensed_quantity + ${r.quantity}
       WHERE prescription_id = ${row.id}::uuid AND id = ${r.itemId}::uuid
       RETURNING dispensed_quantity, quantity`;
    const after = rows[0]!;
    out.push({ itemId: r.itemId, dispensed: r.quantity, dispensedTotal: after.dispensed_quantity, quantity: after.quantity, remaining: after.quantity - after.dispensed_quantity });
  }
  return out;
}

export async function dispensePrescription(
  meta: RequestMeta, credentialScope: Awaited<ReturnType<typeof pharmacyScope>>, prescriptionId: unknown, input: unknown, now: Date = new Date(),
): Promise<DispenseResult> {
  const { tenant, scope, credential } = credentialScope;
  const data = parseInput(dispenseSchema, input);
  const actor: PharmacyActor = { requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent, user: null };
  try {
    return await withTenant(scope, async (tx) => {
      const row = await loadPrescription(tx, prescriptionId).catch(() => { throw rxError("not_found", "dispenseNotFound"); });
      const document = await documentByVerificationCode(tx, data.verificationCode);
      if (!document || document.prescriptionId !== row.id) throw rxError("not_found", "dispenseNotFound");
      assertCredentialMatches(credential, data.pharmacyCnpj);
      assertDispensable(row, document.status, localDateOf(now, tenant.timeZone));
      if (data.dispensedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw rxError("validation", "dispensedInFuture", {}, "dispensedAt");
      if (row.signedAt && data.dispensedAt < row.signedAt) throw rxError("validation", "dispensedBeforeIssue", {}, "dispensedAt");
      const byId = new Map(row.items.map((i) => [i.id, i]));
      for (const [index, r] of data.items.entries()) {
        const item = byId.get(r.itemId);
        if (!item) throw rxError("validation", "unknownItem", { itemId: r.itemId }, `items.${index}.itemId`);
        const remaining = item.quantity - item.dispensedQuantity;
        if (r.quantity > remaining) throw rxError("conflict", "exceedsRemaining", { drug: item.drugName, remaining, requested: r.quantity }, `items.${index}.quantity`);
      }
      const items = await addUnits(tx, row, data.items);
      const dispensing = await tx.dispensing.create({
        data: {
          prescriptionId: row.id, pharmacyCredentialId: credential.id, pharmacyCnpj: data.pharmacyCnpj, pharmacyName: data.pharmacyName,
          pharmacistName: data.pharmacistName, pharmacistCrf: data.pharmacistCrf, dispensedAt: data.dispensedAt,
          items: { create: data.items.map((i) => ({ prescriptionItemId: i.itemId, quantity: i.quantity })) },
        },
        select: { id: true },
      });
      await tx.pharmacyCredential.updateMany({ where: { id: credential.id }, data: { lastUsedAt: now } });
      const totals = new Map(items.map((i) => [i.itemId, i.dispensedTotal]));
      const fullyDispensed = row.items.every((i) => (totals.get(i.id) ?? i.dispensedQuantity) >= i.quantity);
      await recordAudit(tx, actor, {
        action: "prescription.dispensed", entityType: "prescription", entityId: row.id,
        metadata: { dispensingId: dispensing.id, pharmacyCredentialId: credential.id, itemCount: items.length, units: data.items.reduce((s, i) => s + i.quantity, 0), fullyDispensed },
      });
      return { dispensingId: dispensing.id, prescriptionId: row.id, dispensedAt: data.dispensedAt.toISOString(), items, fullyDispensed };
    });
  } catch (error) {
    if (isDispensedWithinViolation(error)) throw rxError("conflict", "dispenseRace");
    throw error;
  }
}

function assertCredentialMatches(credential: PharmacyCredentialRow, cnpj: string): void {
  if (credential.cnpj !== cnpj) throw rxError("forbidden", "cnpjMismatch", {}, "pharmacyCnpj");
}
