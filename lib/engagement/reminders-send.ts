import { recordAudit } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { defaultDrivers, reachFor, type ChannelDrivers, type OutgoingMessage } from "./channels";
import { linkUrl, signLink, tenantUrl } from "./links";
import { patientFirstName, reminderMessage } from "./messages";
import { tenantFacts } from "./tenant-facts";

// One delivery attempt of one reminder (a pg-boss job). The appointment and the consent are
// checked again at send time: the patient may have withdrawn consent, or the visit may have
// moved, since the reminder was planned. The message is composed inside a short transaction,
// sent outside it (no transaction held open across SMTP), and the attempt recorded after.
// A failed send throws, so pg-boss retries it with backoff; the last failure marks it FAILED.

export type AttemptInfo = { jobId: string; retryCount: number; retryLimit: number };
export type DeliverDeps = { drivers: ChannelDrivers; now: () => Date };
export type DeliverOutcome = "SENT" | "SKIPPED" | "FAILED_WILL_RETRY" | "FAILED";

const ACTIVE = new Set(["SCHEDULED", "CONFIRMED"]);

type Prepared =
  | { kind: "skip" }
  | { kind: "send"; to: string; message: OutgoingMessage; channel: "EMAIL" | "SMS" | "PUSH" | "WHATSAPP" };

async function prepare(ctx: Context, reminderId: string, now: Date): Promise<Prepared> {
  return withTenant(ctx, async (tx) => {
    const r = await tx.appointmentReminder.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: reminderId } },
      select: {
        id: true, status: true, channel: true, attempts: true,
        appointment: {
          select: {
            id: true, status: true, startsAt: true, modality: true, doctor: { select: { name: true } },
            patient: { select: { fullName: true, socialName: true, email: true, phone: true, consentEmail: true, consentSms: true, consentWhatsapp: true } },
          },
        },
      },
    });
    if (!r || r.status !== "PENDING") return { kind: "skip" };
    const a = r.appointment;
    const close = async (status: "CANCELLED" | "SKIPPED_NO_CONSENT", why: string) => {
      await tx.appointmentReminder.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: r.id } }, data: { status, lastError: why }, select: { id: true } });
      await tx.appointmentReminderAttempt.create({ data: { reminderId: r.id, attempt: r.attempts + 1, outcome: "SKIPPED", error: why } });
      return { kind: "skip" as const };
    };
    if (!ACTIVE.has(a.status) || a.startsAt <= now) return close("CANCELLED", "Consulta não está mais ativa.");
    const reach = reachFor(r.channel, a.patient);
    if ("refused" in reach) return close("SKIPPED_NO_CONSENT", reach.refused === "no_consent" ? "Consentimento retirado." : "Contato removido.");
    const tenant = await tenantFacts(tx, ctx.tenantId);
    const sign = (purpose: "confirm" | "cancel") =>
      linkUrl(tenant.slug, signLink(tenant.id, { purpose, id: a.id, expiresAt: a.startsAt, version: "" }));
    const message = reminderMessage(
      tenant,
      { startsAt: a.startsAt, doctorName: a.doctor.name, patientFirstName: patientFirstName(a.patient.fullName, a.patient.socialName), modality: a.modality },
      { confirm: sign("confirm"), cancel: sign("cancel"), portal: tenantUrl(tenant.slug, `/portal/teleconsulta/${a.id}`) },
    );
    return { kind: "send", to: reach.to, message, channel: r.channel };
  });
}

async function record(ctx: Context, reminderId: string, info: AttemptInfo, at: Date, error: string | null): Promise<DeliverOutcome> {
  const last = info.retryCount >= info.retryLimit;
  return withTenant(ctx, async (tx) => {
    const r = await tx.appointmentReminder.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: reminderId } },
      data: error === null
        ? { status: "SENT", sentAt: at, attempts: { increment: 1 }, lastError: null, jobId: info.jobId }
        : { status: last ? "FAILED" : "PENDING", attempts: { increment: 1 }, lastError: error, jobId: info.jobId },
      select: { attempts: true, appointmentId: true, channel: true },
    });
    await tx.appointmentReminderAttempt.create({
      data: { reminderId, attempt: r.attempts, outcome: error === null ? "SENT" : "FAILED", error, jobId: info.jobId, at },
    });
    if (error === null || last) {
      await recordAudit(tx, ctx, {
        action: error === null ? "reminder.sent" : "reminder.failed", entityType: "appointment_reminder", entityId: reminderId,
        metadata: { appointmentId: r.appointmentId, channel: r.channel, attempts: r.attempts },
      });
    }
    return error === null ? "SENT" : last ? "FAILED" : "FAILED_WILL_RETRY";
  });
}

export class ReminderSendError extends Error {}

export async function deliverReminder(
  ctx: Context,
  reminderId: string,
  info: AttemptInfo,
  deps: Partial<DeliverDeps> = {},
): Promise<DeliverOutcome> {
  const { drivers, now } = { drivers: defaultDrivers, now: () => new Date(), ...deps };
  const prepared = await prepare(ctx, reminderId, now());
  if (prepared.kind === "skip") return "SKIPPED";
  let error: string | null = null;
  try {
    const driver = drivers[prepared.channel];
    if (!driver) throw new Error(`No provider configured for channel ${prepared.channel}.`);
    await driver.send(prepared.to, prepared.message);
  } catch (e) {
    error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
  }
  const outcome = await record(ctx, reminderId, info, now(), error);
  // The job must fail for pg-boss to retry it (and to show the last failure as failed); the
  // attempt is already on record either way.
  if (error !== null) throw new ReminderSendError(error, { cause: outcome });
  return outcome;
}
