import { z } from "zod";
import { text } from "@/lib/validation/text";
import { RoleKey } from "@/lib/generated/prisma/enums";
import { ATTACHMENT_MAX_MEGABYTES, type TenantSettings } from "./settings";

// What the clinic settings form sends, validated the same way in the browser (react-hook-form)
// and on the server (lib/tenancy/settings-admin.ts). Unlike tenantSettingsSchema, which falls
// back to defaults so a bad stored value never locks a clinic out, this one refuses bad input
// field by field. Reminder offsets are typed as whole hours ("24, 2") and stored in minutes.

export const SETTINGS_STAFF_ROLES = [RoleKey.admin, RoleKey.doctor, RoleKey.secretary, RoleKey.finance] as const;

const whole = (label: string, min: number, max: number) =>
  z.number({ error: `Informe ${label}.` })
    .int(`Use um número inteiro.`)
    .min(min, `O mínimo é ${min}.`)
    .max(max, `O máximo é ${max}.`);

const MAX_REMINDERS = 5;
const MAX_REMINDER_HOURS = 168;

/** "24, 2" → [24, 2]; null when any entry is not a whole number of hours in range. */
export function parseReminderHours(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).map((p) => p.trim()).filter(Boolean);
  const hours = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return hours.every((h) => Number.isInteger(h) && h >= 1 && h <= MAX_REMINDER_HOURS) ? hours : null;
}

export const settingsFormSchema = z.object({
  twoFactorRequiredRoles: z.array(z.enum(SETTINGS_STAFF_ROLES, { error: "Papel inválido." })).max(4),
  staffIdleMinutes: whole("os minutos", 5, 240),
  patientIdleMinutes: whole("os minutos", 5, 240),
  absoluteSessionHours: whole("as horas", 1, 24),
  minCancellationNoticeHours: whole("as horas", 0, 168),
  reminderOffsetsHours: text().max(100).superRefine((text, issue) => {
    const hours = parseReminderHours(text);
    if (hours === null) issue.addIssue({ code: "custom", message: `Informe horas inteiras entre 1 e ${MAX_REMINDER_HOURS}, separadas por vírgula.` });
    else if (hours.length > MAX_REMINDERS) issue.addIssue({ code: "custom", message: `No máximo ${MAX_REMINDERS} lembretes.` });
    else if (new Set(hours).size !== hours.length) issue.addIssue({ code: "custom", message: "Há lembretes repetidos." });
  }),
  waitlistOfferMinutes: whole("os minutos", 5, 1440),
  attachmentMaxFileMegabytes: whole("os megabytes", 1, ATTACHMENT_MAX_MEGABYTES),
  /** Doctors whose records need a second doctor's review (residents). */
  reviewRequiredDoctorIds: z.array(z.uuid("Médico inválido.")).max(500).default([]),
}).superRefine((v, issue) => {
  // A session could never reach its idle limit if the absolute one came first.
  const absoluteMinutes = v.absoluteSessionHours * 60;
  for (const key of ["staffIdleMinutes", "patientIdleMinutes"] as const) {
    if (v[key] > absoluteMinutes) {
      issue.addIssue({ code: "custom", path: [key], message: "Não pode passar do tempo máximo da sessão." });
    }
  }
});

export type SettingsFormValues = z.input<typeof settingsFormSchema>;

export function settingsToForm(s: TenantSettings): SettingsFormValues {
  return {
    twoFactorRequiredRoles: [...s.security.twoFactorRequiredRoles],
    staffIdleMinutes: s.security.staffIdleMinutes,
    patientIdleMinutes: s.security.patientIdleMinutes,
    absoluteSessionHours: s.security.absoluteSessionHours,
    minCancellationNoticeHours: s.scheduling.minCancellationNoticeHours,
    // Offsets set in whole hours round-trip exactly; any other value is shown rounded up.
    reminderOffsetsHours: s.scheduling.reminderOffsetsMinutes.map((m) => Math.max(1, Math.ceil(m / 60))).join(", "),
    waitlistOfferMinutes: s.scheduling.waitlistOfferMinutes,
    attachmentMaxFileMegabytes: s.attachments.maxFileMegabytes,
    reviewRequiredDoctorIds: [...s.records.reviewRequiredDoctorIds],
  };
}

export function formToSettings(v: z.output<typeof settingsFormSchema>): TenantSettings {
  return {
    security: {
      twoFactorRequiredRoles: [...new Set(v.twoFactorRequiredRoles)],
      staffIdleMinutes: v.staffIdleMinutes,
      patientIdleMinutes: v.patientIdleMinutes,
      absoluteSessionHours: v.absoluteSessionHours,
    },
    scheduling: {
      minCancellationNoticeHours: v.minCancellationNoticeHours,
      reminderOffsetsMinutes: (parseReminderHours(v.reminderOffsetsHours) ?? []).sort((a, b) => b - a).map((h) => h * 60),
      waitlistOfferMinutes: v.waitlistOfferMinutes,
    },
    attachments: { maxFileMegabytes: v.attachmentMaxFileMegabytes },
    records: { reviewRequiredDoctorIds: [...new Set(v.reviewRequiredDoctorIds)] },
  };
}
