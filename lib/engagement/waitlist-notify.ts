import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { defaultDrivers, DELIVERABLE_CHANNELS, reachFor, type ChannelDrivers, type OutgoingMessage } from "./channels";
import { linkUrl, signLink } from "./links";
import { patientFirstName, offerMessage } from "./messages";
import { tenantFacts } from "./tenant-facts";

// Sends a waitlist offer (a pg-boss job) on every channel the patient consented to. When none
// is allowed, nothing is sent: the entry stays OFFERED on the staff page, marked unreachable,
// for the front desk to phone. A channel that fails makes the job fail (retried with backoff).

export const offerVersion = (offeredAt: Date) => String(offeredAt.getTime());

export async function notifyOffer(
  ctx: Context,
  entryId: string,
  deps: { drivers?: ChannelDrivers; now?: () => Date } = {},
): Promise<"SENT" | "SKIPPED" | "UNREACHABLE"> {
  const drivers = deps.drivers ?? defaultDrivers;
  const now = (deps.now ?? (() => new Date()))();
  const prepared = await withTenant(ctx, async (tx) => {
    const e = await tx.waitlistEntry.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: entryId } },
      select: {
        id: true, status: true, offeredAt: true, offerExpiresAt: true, offeredStartsAt: true, offeredDoctorId: true, offerNotifiedAt: true,
        patient: { select: { fullName: true, socialName: true, email: true, phone: true, consentEmail: true, consentSms: true, consentWhatsapp: true } },
      },
    });
    if (!e || e.status !== "OFFERED" || e.offerNotifiedAt || !e.offerExpiresAt || e.offerExpiresAt <= now) return null;
    const tenant = await tenantFacts(tx, ctx.tenantId);
    const doctor = await tx.user.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: e.offeredDoctorId! } }, select: { name: true } });
    const token = signLink(tenant.id, { purpose: "offer", id: e.id, expiresAt: e.offerExpiresAt, version: offerVersion(e.offeredAt!) });
    const message = offerMessage(tenant, {
      startsAt: e.offeredStartsAt!, doctorName: doctor?.name ?? "", patientFirstName: patientFirstName(e.patient.fullName, e.patient.socialName), expiresAt: e.offerExpiresAt,
    }, linkUrl(tenant.slug, token));
    const targets = DELIVERABLE_CHANNELS.flatMap((channel) => {
      const reach = reachFor(channel, e.patient);
      return "to" in reach ? [{ channel, to: reach.to }] : [];
    });
    return { message, targets };
  });
  if (!prepared) return "SKIPPED";
  await sendAll(prepared.targets, prepared.message, drivers);
  await withTenant(ctx, async (tx) => {
    await tx.waitlistEntry.updateMany({ where: { id: entryId, status: "OFFERED", offerNotifiedAt: null }, data: { offerNotifiedAt: now } });
    await recordAudit(tx, ctx, {
      action: prepared.targets.length ? "waitlist.offer_sent" : "waitlist.offer_unreachable", entityType: "waitlist_entry", entityId: entryId,
      metadata: { channels: prepared.targets.map((t) => t.channel) },
    });
  });
  return prepared.targets.length ? "SENT" : "UNREACHABLE";
}

async function sendAll(targets: { channel: "EMAIL" | "SMS"; to: string }[], message: OutgoingMessage, drivers: ChannelDrivers) {
  for (const t of targets) {
    const driver = drivers[t.channel];
    if (!driver) throw new Error(`No provider configured for channel ${t.channel}.`);
    await driver.send(t.to, message);
  }
}
