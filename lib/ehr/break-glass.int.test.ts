// Break-glass against the real database: who may open a chart, what the opening writes (grant
// with a sealed justification, HIGH security event, audit), the admins' alert mail, reads under
// the grant logged as such, and the grant's end. Mail is the one thing outside the machine, so a
// recorder stands in for SMTP here (the e2e spec checks the real catcher).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/patients/[id]/vital-signs/route";
import { accessTokenFor, apiRequest, idParams } from "@/lib/api/testing";
import { disconnectDb } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import type { MailMessage } from "@/lib/mail/send";
import { createVitalSign } from "@/lib/testing/ehr-factories";
import {
  asOwner, closeOwnerPool, createPatient, createTenant, createUser, scopeFor, type TestPatient, type TestTenant, type TestUser,
} from "@/lib/testing/factories";
import { BREAK_GLASS_PURPOSE } from "./access";
import { breakGlassMinutes, listBreakGlassGrants, openBreakGlass } from "./break-glass";
import { getPatientTimeline } from "./timeline/queries";
import { parseTimelineParams } from "./timeline/schemas";
import { listVitalSigns } from "./vitals/queries";

let clinic: TestTenant;
let other: TestTenant;
let doctor: TestUser;
let secretary: TestUser;
let finance: TestUser;
let admins: TestUser[];
let patient: TestPatient;

const JUSTIFICATION = "Paciente desacordado na recepção, preciso das alergias para o SAMU.";

beforeAll(async () => {
  [clinic, other] = await Promise.all([createTenant({ settings: { security: { twoFactorRequiredRoles: [] }, breakGlass: { minutes: 30 } } }), createTenant()]);
  [doctor, secretary, finance] = (await Promise.all((["doctor", "secretary", "finance"] as const).map((r) => createUser(clinic, { roles: [r] })))) as [TestUser, TestUser, TestUser];
  admins = await Promise.all([createUser(clinic, { roles: ["admin"] }), createUser(clinic, { roles: ["admin"] })]);
  await createUser(clinic, { roles: ["admin"], status: "DISABLED" });
  await createUser(other, { roles: ["admin"] });
  patient = await createPatient(clinic, { fullName: "Joana Maria da Silva" });
  await createVitalSign(clinic, patient, doctor, { heartRateBpm: 88 });
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const as = (u: TestUser, tenant = clinic) => scopeFor(tenant, u, u.roles);
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e as AppError);
const mailbox = () => { const sent: MailMessage[] = []; return { sent, sendMail: async (m: MailMessage) => void sent.push(m) }; };
const grantsOf = (userId: string) => asOwner<{ id: string; justification_enc: string; starts_at: Date; expires_at: Date }>(
  "SELECT id, justification_enc, starts_at, expires_at FROM break_glass_grants WHERE user_id = $1", [userId]);

describe("openBreakGlass", () => {
  it("opens the chart for the clinic's setting, seals the justification, alerts active admins without clinical content", async () => {
    const user = await createUser(clinic, { roles: ["secretary"], name: "Rita Recepção" });
    const ctx = as(user);
    const box = mailbox();
    const now = new Date();
    const opened = await openBreakGlass(ctx, patient.id, { justification: JUSTIFICATION }, { sendMail: box.sendMail, now: () => now });

    const [grant] = await grantsOf(user.id);
    expect(grant!.id).toBe(opened.grantId);
    expect(grant!.expires_at.getTime() - grant!.starts_at.getTime()).toBe(30 * 60_000);
    expect(grant!.justification_enc).toMatch(/^enc:v1:/);
    expect(grant!.justification_enc).not.toContain("SAMU");
    expect(await asOwner("SELECT type, severity, user_id FROM security_events WHERE request_id = $1", [ctx.requestId]))
      .toEqual([{ type: "BREAK_GLASS_GRANTED", severity: "HIGH", user_id: user.id }]);
    expect(await asOwner("SELECT action, entity_id, risk_score FROM audit_logs WHERE request_id = $1", [ctx.requestId]))
      .toEqual([{ action: "ehr.break_glass_opened", entity_id: opened.grantId, risk_score: 80 }]);

    expect(box.sent.map((m) => m.to).sort()).toEqual(admins.map((a) => a.email).sort());
    const mail = box.sent[0]!;
    expect(mail.subject).toContain("Acesso de emergência");
    expect(mail.text).toContain("Rita Recepção");
    expect(mail.text).toContain(`JMS (id ${patient.id})`);
    expect(mail.text).not.toContain("Joana");
    expect(mail.text).not.toContain("SAMU");
    expect(mail.text).toContain(`/admin/break-glass`);
  });

  it("lets reads through for the grant's lifetime, logged with the grant and the emergency basis, then stops", async () => {
    const user = await createUser(clinic, { roles: ["finance"] });
    expect((await failure(listVitalSigns(as(user), patient.id))).code).toBe("forbidden");
    const { grantId } = await openBreakGlass(as(user), patient.id, { justification: JUSTIFICATION }, { sendMail: mailbox().sendMail });
    const ctx = as(user);
    const page = await listVitalSigns(ctx, patient.id);
    expect(page.rows.map((r) => r.values.heartRateBpm)).toEqual([88]);
    const timelineCtx = as(user);
    const timeline = await getPatientTimeline(timelineCtx, patient.id, parseTimelineParams({}));
    expect(timeline.access.via).toBe("break_glass");
    for (const requestId of [ctx.requestId, timelineCtx.requestId]) {
      expect(await asOwner("SELECT purpose, legal_basis FROM data_access_logs WHERE request_id = $1", [requestId]))
        .toEqual([{ purpose: `${BREAK_GLASS_PURPOSE}:${grantId}`, legal_basis: "LIFE_PROTECTION" }]);
    }
    // The grant only covers this patient.
    const another = await createPatient(clinic);
    expect((await failure(listVitalSigns(as(user), another.id))).code).toBe("forbidden");
    // Expiry: the owner moves the window into the past (the app role cannot update grants).
    await asOwner("UPDATE break_glass_grants SET starts_at = starts_at - interval '2 hours', expires_at = now() - interval '1 second' WHERE id = $1", [grantId]);
    expect((await failure(listVitalSigns(as(user), patient.id))).code).toBe("forbidden");
  });

  it("works through the API for the grant holder only", async () => {
    const user = await createUser(clinic, { roles: ["secretary"] });
    const token = await accessTokenFor(clinic, user);
    const url = `/api/v1/patients/${patient.id}/vital-signs`;
    expect((await GET(apiRequest(clinic, url, { token }), idParams(patient.id))).status).toBe(403);
    await openBreakGlass(as(user), patient.id, { justification: JUSTIFICATION }, { sendMail: mailbox().sendMail });
    expect((await GET(apiRequest(clinic, url, { token }), idParams(patient.id))).status).toBe(200);
  });

  it("refuses a short justification, doctors (no need), patients, and another clinic's patient; nothing is written", async () => {
    const user = await createUser(clinic, { roles: ["secretary"] });
    const patientUser = await createUser(clinic, { roles: ["patient"] });
    const short = await failure(openBreakGlass(as(user), patient.id, { justification: "urgente" }, { sendMail: mailbox().sendMail }));
    expect(short.code).toBe("validation");
    expect(short.fields?.justification).toHaveLength(1);
    expect((await failure(openBreakGlass(as(doctor), patient.id, { justification: JUSTIFICATION }))).code).toBe("conflict");
    expect((await failure(openBreakGlass(as(patientUser), patient.id, { justification: JUSTIFICATION }))).code).toBe("forbidden");
    const foreign = await createPatient(other);
    expect((await failure(openBreakGlass(as(user), foreign.id, { justification: JUSTIFICATION }))).code).toBe("not_found");
    expect(await grantsOf(user.id)).toEqual([]);
    expect(await grantsOf(doctor.id)).toEqual([]);
    expect(await grantsOf(patientUser.id)).toEqual([]);
  });

  it("reads the duration setting with a safe default", () => {
    expect(breakGlassMinutes({ breakGlass: { minutes: 15 } })).toBe(15);
    expect(breakGlassMinutes({ breakGlass: { minutes: 100000 } })).toBe(60);
    expect(breakGlassMinutes(null)).toBe(60);
  });
});

describe("listBreakGlassGrants", () => {
  it("shows admins every grant with its justification; others are refused; other clinics see none", async () => {
    const list = await listBreakGlassGrants(as(admins[0]!));
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list[0]!.justification).toBe(JUSTIFICATION);
    expect(list.every((g) => g.patient.id === patient.id)).toBe(true);
    expect((await failure(listBreakGlassGrants(as(secretary)))).code).toBe("forbidden");
    expect((await failure(listBreakGlassGrants(as(finance)))).code).toBe("forbidden");
    const otherAdmin = await createUser(other, { roles: ["admin"] });
    expect(await listBreakGlassGrants(as(otherAdmin, other))).toEqual([]);
  });
});
