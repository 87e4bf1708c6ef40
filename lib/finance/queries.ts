import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import type { PaymentMethod, TransactionKind, TransactionStatus } from "@/lib/generated/prisma/enums";

export type TransactionListItem = {
  id: string;
  createdAt: string;
  kind: TransactionKind;
  status: TransactionStatus;
  description: string;
  amountCents: number;
  method: PaymentMethod | null;
  patientName: string | null;
  insurer: string | null;
};

export async function listTransactions(ctx: Context, input: { page?: number } = {}) {
  if (!can(ctx, "finance:read")) throw forbidden();
  const pageSize = 25;
  const page = Math.max(input.page ?? 1, 1);
  return withTenant(ctx, async (tx) => {
    // Sequential: a transaction is one connection (no Promise.all on tx).
    const rows = await tx.financialTransaction.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true, createdAt: true, kind: true, status: true, description: true, amountCents: true, method: true,
        patient: { select: { fullName: true, socialName: true } },
        insuranceProvider: { select: { name: true } },
      },
    });
    const total = await tx.financialTransaction.count();
    const items: TransactionListItem[] = rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      kind: r.kind,
      status: r.status,
      description: r.description,
      amountCents: r.amountCents,
      method: r.method,
      patientName: r.patient ? r.patient.socialName ?? r.patient.fullName : null,
      insurer: r.insuranceProvider?.name ?? null,
    }));
    return { rows: items, total, page, pageSize };
  });
}
