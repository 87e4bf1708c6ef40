import type { PaymentMethod, TransactionKind, TransactionStatus } from "@/lib/generated/prisma/enums";
import type { SeedTx } from "./db";

// A handful of charges and payments (centavos) so the finance screens have something to show.
// Each row carries a stable external_ref ("seed:<n>") and is created only when missing.

type Entry = {
  ref: string; kind: TransactionKind; status: TransactionStatus; amountCents: number;
  method?: PaymentMethod; description: string; insurer?: string; dueInDays?: number; paidDaysAgo?: number;
  /** Index into the private (no insurer) patients, or the insurer's patients when `insurer` is set. */
  patient?: number; settles?: string;
};

const ENTRIES: Entry[] = [
  { ref: "seed:01", kind: "CHARGE", status: "PAID", amountCents: 35_000, description: "Consulta particular", patient: 0, dueInDays: -6 },
  { ref: "seed:02", kind: "PAYMENT", status: "PAID", amountCents: 35_000, method: "PIX", description: "Pagamento via PIX", patient: 0, paidDaysAgo: 6, settles: "seed:01" },
  { ref: "seed:03", kind: "CHARGE", status: "PAID", amountCents: 45_000, description: "Consulta particular com eletrocardiograma", patient: 1, dueInDays: -3 },
  { ref: "seed:04", kind: "PAYMENT", status: "PAID", amountCents: 45_000, method: "CREDIT_CARD", description: "Cartão de crédito em 2x", patient: 1, paidDaysAgo: 3, settles: "seed:03" },
  { ref: "seed:05", kind: "CHARGE", status: "PENDING", amountCents: 12_000, method: "INSURANCE", description: "Consulta eletiva (guia TISS)", insurer: "Unimed", patient: 0, dueInDays: 30 },
  { ref: "seed:06", kind: "CHARGE", status: "PENDING", amountCents: 13_500, method: "INSURANCE", description: "Consulta eletiva (guia TISS)", insurer: "Bradesco Saúde", patient: 0, dueInDays: 30 },
  { ref: "seed:07", kind: "CHARGE", status: "PARTIALLY_PAID", amountCents: 60_000, description: "Consulta e pequeno procedimento", patient: 2, dueInDays: -1 },
  { ref: "seed:08", kind: "PAYMENT", status: "PAID", amountCents: 30_000, method: "CASH", description: "Entrada em dinheiro", patient: 2, paidDaysAgo: 1, settles: "seed:07" },
  { ref: "seed:09", kind: "CHARGE", status: "PENDING", amountCents: 35_000, method: "BOLETO", description: "Consulta particular", patient: 3, dueInDays: 5 },
  { ref: "seed:10", kind: "CHARGE", status: "CANCELLED", amountCents: 35_000, description: "Consulta cancelada pelo paciente", patient: 4, dueInDays: -2 },
  { ref: "seed:11", kind: "CHARGE", status: "REFUNDED", amountCents: 25_000, description: "Retorno cobrado indevidamente", patient: 5, dueInDays: -4 },
  { ref: "seed:12", kind: "PAYMENT", status: "PAID", amountCents: 25_000, method: "DEBIT_CARD", description: "Cartão de débito", patient: 5, paidDaysAgo: 4, settles: "seed:11" },
  { ref: "seed:13", kind: "REFUND", status: "PAID", amountCents: 25_000, method: "PIX", description: "Estorno do retorno", patient: 5, paidDaysAgo: 2, settles: "seed:11" },
];

const DAY = 86_400_000;

/** The clinic's calendar date `days` from now, as a date-only value (UTC midnight). */
const dateOnly = (days: number, timeZone: string) =>
  new Date(new Intl.DateTimeFormat("en-CA", { timeZone }).format(Date.now() + days * DAY));

export async function ensureTransactions(
  tx: SeedTx, tenantId: string, timeZone: string, providers: Map<string, string>, createdBy: string | null,
): Promise<number> {
  const existing = await tx.financialTransaction.findMany({
    where: { tenantId, externalRef: { in: ENTRIES.map((e) => e.ref) } }, select: { id: true, externalRef: true },
  });
  const ids = new Map(existing.map((t) => [t.externalRef!, t.id]));
  const patients = await tx.patient.findMany({
    where: { tenantId, userId: null }, orderBy: [{ searchName: "asc" }, { id: "asc" }],
    select: { id: true, insuranceProviderId: true },
  });
  let created = 0;
  for (const e of ENTRIES) {
    if (ids.has(e.ref)) continue;
    const providerId = e.insurer ? (providers.get(e.insurer) ?? null) : null;
    const pool = patients.filter((p) => p.insuranceProviderId === providerId);
    const made = await tx.financialTransaction.create({
      data: {
        kind: e.kind, status: e.status, amountCents: e.amountCents, method: e.method ?? null,
        description: e.description, externalRef: e.ref, createdBy,
        patientId: e.patient === undefined ? null : (pool[e.patient % Math.max(pool.length, 1)]?.id ?? null),
        insuranceProviderId: providerId,
        chargeId: e.settles ? (ids.get(e.settles) ?? null) : null,
        dueDate: e.dueInDays === undefined ? null : dateOnly(e.dueInDays, timeZone),
        paidAt: e.paidDaysAgo === undefined ? null : new Date(Date.now() - e.paidDaysAgo * DAY),
      },
      select: { id: true },
    });
    ids.set(e.ref, made.id);
    created++;
  }
  return created;
}
