// /api/v1/appointments through its route handlers: booking with Idempotency-Key, the list with
// filters and signed cursors, one appointment, status changes, and the refusals an attacker or a
// wrong role meets (another clinic's ids are 404; roles without the permission are 403).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { asOwner, closeOwnerPool, createUser, type TestUser } from "@/lib/testing/factories";
import { schedulingClinic, type SchedulingClinic } from "@/lib/scheduling/test-fixtures";
import { GET as list, POST as book } from "@/app/api/v1/appointments/route";
import { GET as getOne, PUT as update } from "@/app/api/v1/appointments/[id]/route";
import { POST as revert } from "@/app/api/v1/appointments/[id]/revert/route";
import { requestHash } from "./idempotency";
import { accessTokenFor, apiRequest, idParams, type ErrorBody } from "./testing";

const NO_2FA = { security: { twoFactorRequiredRoles: [] } };

let clinic: SchedulingClinic;
let other: SchedulingClinic;
let secretary: string;
let secretaryId: string;
let doctor: string;
let finance: string;
let patientToken: string;
let otherAppointment: string;

/** A wall-clock time `days` days from today in São Paulo (UTC−3), far enough to be bookable. */
function slot(days: number, hhmm: string): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${hhmm}:00-03:00`;
}

const appointmentsOf = (tenantId: string) =>
  asOwner<{ id: string; status: string }>("SELECT id, status FROM appointments WHERE tenant_id = $1 ORDER BY starts_at", [tenantId]);

beforeAll(async () => {
  [clinic, other] = await Promise.all([schedulingClinic({ settings: NO_2FA }), schedulingClinic({ settings: NO_2FA })]);
  const users = await Promise.all([
    createUser(clinic.tenant, { roles: ["secretary"] }), createUser(clinic.tenant, { roles: ["finance"] }),
    createUser(clinic.tenant, { roles: ["patient"] }), createUser(other.tenant, { roles: ["secretary"] }),
  ]);
  const [sec, fin, pat, otherSec] = users as [TestUser, TestUser, TestUser, TestUser];
  secretaryId = sec.id;
  [secretary, finance, patientToken, doctor] = await Promise.all([
    accessTokenFor(clinic.tenant, sec), accessTokenFor(clinic.tenant, fin), accessTokenFor(clinic.tenant, pat),
    accessTokenFor(clinic.tenant, { ...clinic.doctor, roles: ["doctor"] }),
  ]);
  const res = await book(apiRequest(other.tenant, "/api/v1/appointments", {
    token: await accessTokenFor(other.tenant, otherSec),
    body: { agendaId: other.agendaId, patientId: other.patients[0]!.id, startsAt: slot(9, "10:00") },
  }));
  expect(res.status).toBe(201);
  otherAppointment = ((await res.json()) as { id: string }).id;
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const bookBody = (hhmm: string, days = 8, patient = 0) =>
  ({ agendaId: clinic.agendaId, patientId: clinic.patients[patient]!.id, startsAt: slot(days, hhmm) });

describe("POST /api/v1/appointments", () => {
  it("books: 201 with the appointment and its Location; a taken slot is 409 naming who holds it", async () => {
    const res = await book(apiRequest(clinic.tenant, "/api/v1/appointments", { token: secretary, body: bookBody("09:00") }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; status: string; patient: { name: string }; doctor: { id: string } };
    expect(body).toMatchObject({ status: "SCHEDULED", patient: { name: "Maria Lima" }, doctor: { id: clinic.doctor.id } });
    expect(res.headers.get("location")).toBe(`/api/v1/appointments/${body.id}`);
    const clash = await book(apiRequest(clinic.tenant, "/api/v1/appointments", { token: secretary, body: bookBody("09:00", 8, 1) }));
    expect(clash.status).toBe(409);
    const error = (await clash.json()) as ErrorBody;
    expect(error.error.code).toBe("conflict");
    expect(error.error.message).toContain("Maria Lima");
  });

  it("answers 400 with field errors for bad input, and books nothing", async () => {
    const before = await appointmentsOf(clinic.tenant.id);
    const res = await book(apiRequest(clinic.tenant, "/api/v1/appointments", {
      token: secretary, headers: { "idempotency-key": "bad-input-1" }, body: { agendaId: "x", startsAt: "amanhã" },
    }));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["agendaId", "patientId", "startsAt"]);
    expect((await book(apiRequest(clinic.tenant, "/api/v1/appointments", { token: secretary, body: "{nope" }))).status).toBe(400);
    expect(await appointmentsOf(clinic.tenant.id)).toEqual(before);
  });

  it("replays the first answer for the same key and body, and refuses the key with another body (422)", async () => {
    const send = (body: unknown) => book(apiRequest(clinic.tenant, "/api/v1/appointments", {
      token: secretary, headers: { "idempotency-key": "booking-once-1" }, body,
    }));
    const first = await send(bookBody("10:00"));
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotency-replayed")).toBeNull();
    const again = await send({ startsAt: bookBody("10:00").startsAt, patientId: clinic.patients[0]!.id, agendaId: clinic.agendaId });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const before = await appointmentsOf(clinic.tenant.id);
    const mismatch = await send(bookBody("10:30"));
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as ErrorBody).error.code).toBe("unprocessable");
    expect(await appointmentsOf(clinic.tenant.id)).toEqual(before);
  });

  it("commits the booking, its read-back log and the key's stored answer in one transaction", async () => {
    const res = await book(apiRequest(clinic.tenant, "/api/v1/appointments", {
      token: secretary, headers: { "idempotency-key": "booking-one-tx" }, body: bookBody("15:00", 12),
    }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    // xmin is the id of the transaction that wrote the row's current version.
    const [row] = await asOwner<{ appointment: string; answer: string; log: string; audit: string; status: number }>(
      `SELECT a.xmin::text AS appointment, k.xmin::text AS answer, k.response_status AS status,
              (SELECT xmin::text FROM data_access_logs WHERE entity_id::text = a.id::text) AS log,
              (SELECT xmin::text FROM audit_logs WHERE entity_id::text = a.id::text) AS audit
         FROM appointments a, idempotency_keys k WHERE a.id = $1 AND k.key = 'booking-one-tx'`, [id]);
    expect(row).toMatchObject({ status: 201 });
    expect(new Set([row!.appointment, row!.answer, row!.log, row!.audit]).size).toBe(1);
  });

  it("answers 409 while the same key is in progress, and two racing duplicates book once", async () => {
    // What a first request leaves while it runs: the claim, with no answer yet.
    await asOwner(`INSERT INTO idempotency_keys (id, tenant_id, user_id, key, request_hash, expires_at)
      VALUES (gen_random_uuid(), $1, $2, 'in-flight-1', $3, now() + interval '1 day')`,
    [clinic.tenant.id, secretaryId, requestHash("POST", "http://h/api/v1/appointments", bookBody("11:00"))]);
    const inFlight = await book(apiRequest(clinic.tenant, "/api/v1/appointments", {
      token: secretary, headers: { "idempotency-key": "in-flight-1" }, body: bookBody("11:00"),
    }));
    expect([inFlight.status, ((await inFlight.json()) as ErrorBody).error.code]).toEqual([409, "conflict"]);

    const race = () => book(apiRequest(clinic.tenant, "/api/v1/appointments", {
      token: secretary, headers: { "idempotency-key": "race-1" }, body: bookBody("11:30"),
    }));
    const answers = await Promise.all([race(), race(), race()]);
    expect(answers.filter((r) => r.status === 201 && !r.headers.get("idempotency-replayed"))).toHaveLength(1);
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const booked = await asOwner("SELECT 1 FROM appointments WHERE tenant_id = $1 AND starts_at = $2", [clinic.tenant.id, bookBody("11:30").startsAt]);
    expect(booked).toHaveLength(1);
  });

  it("refuses a malformed Idempotency-Key, and the roles that may not book (finance, patient)", async () => {
    const bad = await book(apiRequest(clinic.tenant, "/api/v1/appointments", {
      token: secretary, headers: { "idempotency-key": "has space" }, body: bookBody("12:00"),
    }));
    expect(bad.status).toBe(400);
    for (const token of [finance, patientToken]) {
      const res = await book(apiRequest(clinic.tenant, "/api/v1/appointments", { token, body: bookBody("13:00") }));
      expect(res.status).toBe(403);
    }
    expect(await asOwner("SELECT 1 FROM appointments WHERE starts_at = $1", [bookBody("13:00").startsAt])).toEqual([]);
  });

  it("answers 404 for another clinic's agenda or patient", async () => {
    const foreignAgenda = await book(apiRequest(clinic.tenant, "/api/v1/appointments", {
      token: secretary, body: { ...bookBody("14:00"), agendaId: other.agendaId },
    }));
    const foreignPatient = await book(apiRequest(clinic.tenant, "/api/v1/appointments", {
      token: secretary, body: { ...bookBody("14:00"), patientId: other.patients[0]!.id },
    }));
    expect([foreignAgenda.status, foreignPatient.status]).toEqual([404, 404]);
  });
});

describe("GET /api/v1/appointments", () => {
  it("pages a filtered list completely with signed cursors; a forged or foreign cursor is 400", async () => {
    for (const hhmm of ["08:00", "08:30", "09:00", "09:30", "10:00"]) {
      const res = await book(apiRequest(clinic.tenant, "/api/v1/appointments", { token: secretary, body: bookBody(hhmm, 10, 2) }));
      expect(res.status).toBe(201);
    }
    const filter = `patientId=${clinic.patients[2]!.id}&from=${encodeURIComponent(slot(10, "00:00"))}&limit=2`;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(apiRequest(clinic.tenant, `/api/v1/appointments?${filter}${cursor ? `&cursor=${cursor}` : ""}`, { token: secretary }));
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { id: string; startsAt: string }[]; nextCursor: string | null };
      seen.push(...page.data.map((a) => a.startsAt));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(["08:00", "08:30", "09:00", "09:30", "10:00"].map((h) => new Date(slot(10, h)).toISOString()));

    const first = (await (await list(apiRequest(clinic.tenant, `/api/v1/appointments?${filter}`, { token: secretary }))).json()) as { nextCursor: string };
    const [payload, tag] = first.nextCursor.split(".");
    const forged = `${Buffer.from(JSON.stringify(["AAAA"])).toString("base64url")}.${tag}`;
    for (const bad of [forged, `${payload}.AAAA`, "garbage"]) {
      const res = await list(apiRequest(clinic.tenant, `/api/v1/appointments?${filter}&cursor=${bad}`, { token: secretary }));
      expect(res.status).toBe(400);
    }
    const otherFilter = await list(apiRequest(clinic.tenant, `/api/v1/appointments?limit=2&cursor=${first.nextCursor}`, { token: secretary }));
    expect(otherFilter.status).toBe(400);
  });

  it("shows only the host clinic's appointments, caps limit at 200, and refuses a patient token", async () => {
    const res = await list(apiRequest(clinic.tenant, `/api/v1/appointments?patientId=${other.patients[0]!.id}`, { token: secretary }));
    expect(((await res.json()) as { data: unknown[] }).data).toEqual([]);
    expect((await list(apiRequest(clinic.tenant, "/api/v1/appointments?limit=201", { token: secretary }))).status).toBe(400);
    expect((await list(apiRequest(clinic.tenant, "/api/v1/appointments", { token: patientToken }))).status).toBe(403);
    expect((await list(apiRequest(clinic.tenant, "/api/v1/appointments"))).status).toBe(401);
  });
});

describe("GET and PUT /api/v1/appointments/:id", () => {
  it("reads one, moves it through the status machine, and refuses a bad move with nothing changed", async () => {
    const created = await book(apiRequest(clinic.tenant, "/api/v1/appointments", { token: secretary, body: bookBody("15:00", 11) }));
    const { id } = (await created.json()) as { id: string };
    const res = await getOne(apiRequest(clinic.tenant, `/api/v1/appointments/${id}`, { token: doctor }), idParams(id));
    expect(res.status).toBe(200);
    const put = (body: unknown, token = secretary) =>
      update(apiRequest(clinic.tenant, `/api/v1/appointments/${id}`, { method: "PUT", token, body }), idParams(id));
    const confirmed = await put({ status: "CONFIRMED" });
    expect([confirmed.status, ((await confirmed.json()) as { status: string }).status]).toEqual([200, "CONFIRMED"]);
    const noReason = await put({ status: "CANCELLED" });
    expect(noReason.status).toBe(400);
    expect((await asOwner<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [id]))[0]!.status).toBe("CONFIRMED");
    expect((await put({ status: "CONFIRMED" }, finance)).status).toBe(403);
    const cancelled = await put({ status: "CANCELLED", cancellationReason: "Paciente pediu" });
    expect(((await cancelled.json()) as { status: string }).status).toBe("CANCELLED");
  });

  it("answers 404 for another clinic's appointment on GET and PUT, and changes nothing", async () => {
    const path = `/api/v1/appointments/${otherAppointment}`;
    expect((await getOne(apiRequest(clinic.tenant, path, { token: secretary }), idParams(otherAppointment))).status).toBe(404);
    const res = await update(apiRequest(clinic.tenant, path, {
      method: "PUT", token: secretary, body: { status: "CANCELLED", cancellationReason: "tentativa" },
    }), idParams(otherAppointment));
    expect(res.status).toBe(404);
    expect(await appointmentsOf(other.tenant.id)).toEqual([{ id: otherAppointment, status: "SCHEDULED" }]);
    expect((await getOne(apiRequest(clinic.tenant, "/api/v1/appointments/not-a-uuid", { token: secretary }), idParams("not-a-uuid"))).status).toBe(400);
  });
});

describe("POST /api/v1/appointments/:id/revert", () => {
  const statusOf = async (id: string) => (await asOwner<{ status: string }>("SELECT status FROM appointments WHERE id = $1", [id]))[0]!.status;
  /** A booking this secretary checked in a moment ago (the clock rule for check-in itself is the domain tests'). */
  async function checkedIn(hhmm: string): Promise<string> {
    const created = await book(apiRequest(clinic.tenant, "/api/v1/appointments", { token: secretary, body: bookBody(hhmm, 12) }));
    const { id } = (await created.json()) as { id: string };
    await asOwner(`UPDATE appointments SET status = 'ARRIVED', arrived_at = now(), previous_status = 'SCHEDULED',
      status_changed_by = $2, status_changed_at = now() WHERE id = $1`, [id, secretaryId]);
    return id;
  }
  const post = (id: string, body: unknown, token = secretary) =>
    revert(apiRequest(clinic.tenant, `/api/v1/appointments/${id}/revert`, { method: "POST", token, body }), idParams(id));
  const reasonOf = async (res: Response) => ((await res.json()) as { error: { reason?: string } }).error.reason;

  it("undoes the secretary's own check-in with a reason, once", async () => {
    const id = await checkedIn("16:00");
    const done = await post(id, { reason: "Paciente errado" });
    expect([done.status, await done.json()]).toEqual([200, { id, status: "SCHEDULED" }]);
    const again = await post(id, { reason: "Paciente errado" });
    expect([again.status, await reasonOf(again)]).toEqual([409, "notUndoable"]);
  });

  it("refuses the roles that may not check in (finance, doctor, patient) with 403, changing nothing", async () => {
    const id = await checkedIn("16:30");
    for (const token of [finance, doctor, patientToken]) expect((await post(id, { reason: "Engano" }, token)).status).toBe(403);
    expect(await statusOf(id)).toBe("ARRIVED");
  });

  it("answers 404 for another clinic's appointment and changes nothing", async () => {
    expect((await post(otherAppointment, { reason: "Engano" })).status).toBe(404);
    expect(await appointmentsOf(other.tenant.id)).toEqual([{ id: otherAppointment, status: "SCHEDULED" }]);
  });

  it("answers 400 for a missing or too short reason and a malformed id, changing nothing", async () => {
    const id = await checkedIn("17:00");
    for (const body of [{}, { reason: "x" }, { reason: 42 }, null]) {
      const res = await post(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await reasonOf(await post(id, { reason: " " }))).toBe("undoReasonRequired");
    expect((await post("not-a-uuid", { reason: "Engano" })).status).toBe(400);
    expect(await statusOf(id)).toBe("ARRIVED");
  });
});

