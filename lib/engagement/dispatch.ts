import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { tenantSettings } from "./tenant-facts";
import { expireOffers } from "./waitlist-offers";

// What is due in one clinic at `now`: reminders whose time has come, offers not yet sent, and
// offers that ran out (expired here, their slot passed on). Read through withTenant as the
// worker's system actor, so row-level security bounds the scan to this tenant. Reminders whose
// appointment already started (the worker was down) are cancelled instead of sent late.

const BATCH = 500;

export type DueWork = {
  reminderIds: string[];
  offers: { entryId: string; offeredAt: string }[];
  expiredOffers: number;
  staleReminders: number;
};

export async function collectDueWork(ctx: Context, now: Date): Promise<DueWork> {
  return withTenant(ctx, async (tx) => {
    const { expired, audit } = await expireOffers(tx, await tenantSettings(tx, ctx.tenantId), now);
    const stale = await tx.appointmentReminder.updateMany({
      where: { status: "PENDING", scheduledFor: { lte: now }, appointment: { startsAt: { lte: now } } },
      data: { status: "CANCELLED", lastError: "Horário da consulta já passou; lembrete não enviado." },
    });
    const reminders = await tx.appointmentReminder.findMany({
      where: { status: "PENDING", scheduledFor: { lte: now } },
      orderBy: { scheduledFor: "asc" },
      take: BATCH,
      select: { id: true },
    });
    const offers = await tx.waitlistEntry.findMany({
      where: { status: "OFFERED", offerNotifiedAt: null, offerExpiresAt: { gt: now } },
      take: BATCH,
      select: { id: true, offeredAt: true },
    });
    // Last: the audit chain lock is held from the first audit insert to the commit.
    for (const entry of audit) await recordAudit(tx, ctx, entry);
    return {
      reminderIds: reminders.map((r) => r.id),
      offers: offers.map((o) => ({ entryId: o.id, offeredAt: o.offeredAt!.toISOString() })),
      expiredOffers: expired,
      staleReminders: stale.count,
    };
  });
}
