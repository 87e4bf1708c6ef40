import { z } from "zod";
import { RoleKey } from "@/lib/generated/prisma/enums";

// A clinic's own rules, kept in tenants.settings (jsonb). Every field has a default, so an
// empty object is a valid configuration and a new setting never needs a data migration.
// Unknown or out-of-range values fall back to the default instead of failing requests:
// a bad settings row must not lock a clinic out of its own system.

/** Hard ceiling of the per-clinic attachment limit (next.config.mjs lets bodies this big through the proxy). */
export const ATTACHMENT_MAX_MEGABYTES = 50;

const staffRoles = [RoleKey.admin, RoleKey.doctor, RoleKey.secretary, RoleKey.finance] as const;

export const tenantSettingsSchema = z.object({
  security: z
    .object({
      /** Roles that must use a second factor (SBIS NGS1; issue 3 default: admin and doctor). */
      twoFactorRequiredRoles: z.array(z.enum(staffRoles)).default([RoleKey.admin, RoleKey.doctor]),
      /** Minutes of inactivity after which a session ends. */
      staffIdleMinutes: z.number().int().min(5).max(240).default(15),
      patientIdleMinutes: z.number().int().min(5).max(240).default(30),
      /** Hours after sign-in after which a session ends whatever the activity. */
      absoluteSessionHours: z.number().int().min(1).max(24).default(12),
    })
    .prefault({}),
  scheduling: z
    .object({
      /** A patient (portal or reminder link) cannot cancel later than this before the start. */
      minCancellationNoticeHours: z.number().int().min(0).max(168).default(24),
      /** Reminder offsets before the appointment, in minutes (default 24 h and 2 h). */
      reminderOffsetsMinutes: z.array(z.number().int().min(5).max(7 * 24 * 60)).max(5).default([1440, 120]),
      /** How long a waitlist offer holds a freed slot before the next patient is offered it. */
      waitlistOfferMinutes: z.number().int().min(5).max(1440).default(120),
    })
    .prefault({}),
  attachments: z
    .object({
      /** Largest file a medical record may receive, in megabytes (ATTACHMENT_MAX_MEGABYTES caps it). */
      maxFileMegabytes: z.number().int().min(1).max(ATTACHMENT_MAX_MEGABYTES).default(10),
    })
    .prefault({}),
  records: z
    .object({
      /** Doctors (residents) whose records need a second doctor's review before signing. */
      reviewRequiredDoctorIds: z.array(z.uuid()).max(500).default([]),
    })
    .prefault({}),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const DEFAULT_TENANT_SETTINGS: TenantSettings = tenantSettingsSchema.parse({});

/** Reads a stored settings value section by section; an invalid section gets its defaults. */
export function parseTenantSettings(raw: unknown): TenantSettings {
  const input = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const security = tenantSettingsSchema.shape.security.safeParse(input.security ?? {});
  const scheduling = tenantSettingsSchema.shape.scheduling.safeParse(input.scheduling ?? {});
  const attachments = tenantSettingsSchema.shape.attachments.safeParse(input.attachments ?? {});
  const records = tenantSettingsSchema.shape.records.safeParse(input.records ?? {});
  return {
    records: records.success ? records.data : DEFAULT_TENANT_SETTINGS.records,
    security: security.success ? security.data : DEFAULT_TENANT_SETTINGS.security,
    scheduling: scheduling.success ? scheduling.data : DEFAULT_TENANT_SETTINGS.scheduling,
    attachments: attachments.success ? attachments.data : DEFAULT_TENANT_SETTINGS.attachments,
  };
}
