import { describe, expect, it } from "vitest";
import { parseDateInput } from "@/lib/patients/br-input";
import { patientCreateSchema } from "@/lib/patients/record-schemas";
import { parseBrDate, selfRegistrationSchema } from "@/lib/patients/self-registration";
import { agendaBlockInputSchema, bookAppointmentSchema, listAppointmentsSchema, localDate, updateAppointmentSchema } from "@/lib/scheduling/schemas";
import { waitlistEntrySchema } from "@/lib/engagement/waitlist-schemas";
import { calendarDate, isoInstant } from "./dates";

const RANGE = "Data fora do intervalo aceito (1900 a 2100).";
const FUTURE = "A data de nascimento não pode ser posterior a hoje.";
const fieldMessages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
  (r.error?.issues ?? []).filter((i) => i.path.join(".") === field).map((i) => i.message);

describe("calendar days", () => {
  it("reads years 0–99 as themselves (Date.UTC would say 19xx) and refuses them as out of range", () => {
    expect(calendarDate(1, 1, 1)).toBeNull();
    expect(calendarDate(99, 12, 31)).toBeNull();
    expect(parseDateInput("01/01/0001")).toBeNull();
    expect(parseBrDate("01/01/0001")).toBeNull();
    expect(parseDateInput("31/12/9999")).toBeNull();
    expect(parseDateInput("29/02/2024")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(parseDateInput("29/02/2023")).toBeNull();
    expect(calendarDate(1900, 1, 1)?.toISOString()).toBe("1900-01-01T00:00:00.000Z");
    expect(calendarDate(2100, 12, 31)?.toISOString()).toBe("2100-12-31T00:00:00.000Z");
  });

  it("patient self-registration refuses 01/01/0001 and a birth date after today with clear messages", () => {
    expect(fieldMessages(selfRegistrationSchema.safeParse({ birthDate: "01/01/0001" }), "birthDate")).toEqual([RANGE]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const br = `${String(tomorrow.getUTCDate()).padStart(2, "0")}/${String(tomorrow.getUTCMonth() + 1).padStart(2, "0")}/${tomorrow.getUTCFullYear()}`;
    expect(fieldMessages(selfRegistrationSchema.safeParse({ birthDate: br }), "birthDate")).toEqual([FUTURE]);
    expect(fieldMessages(patientCreateSchema.safeParse({ birthDate: br }), "birthDate")).toEqual([FUTURE]);
    expect(fieldMessages(patientCreateSchema.safeParse({ birthDate: "01/01/0001" }), "birthDate")).toEqual([RANGE]);
    expect(fieldMessages(patientCreateSchema.safeParse({ insuranceValidUntil: "31/12/9999" }), "insuranceValidUntil")).toEqual([RANGE]);
  });

  it("local days of the agenda and the waitlist are real days in range", () => {
    expect(localDate.safeParse("2026-11-25").success).toBe(true);
    for (const bad of ["0000-01-01", "9999-12-31", "2026-02-30", "2026-13-01"]) expect(localDate.safeParse(bad).success, bad).toBe(false);
    expect(localDate.safeParse("0000-01-01").error?.issues[0]?.message).toBe(RANGE);
    expect(fieldMessages(waitlistEntrySchema.safeParse({ earliest: "9999-01-01" }), "earliest")).toEqual([RANGE]);
    expect(fieldMessages(agendaBlockInputSchema.safeParse({ startsAt: "2026-99-99T99:99" }), "startsAt")).toHaveLength(1);
  });
});

describe("instants", () => {
  it("refuses 9999-12-31T23:59:59Z, year 0 and impossible offsets as field errors, never an Invalid Date", () => {
    for (const startsAt of ["9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-01-01T10:00:00+99:99", "2026-02-30T10:00:00Z", "NaN", ""]) {
      const messages = fieldMessages(bookAppointmentSchema.safeParse({ startsAt }), "startsAt");
      expect(messages, startsAt).toHaveLength(1);
    }
    expect(fieldMessages(bookAppointmentSchema.safeParse({ startsAt: "9999-12-31T23:59:59Z" }), "startsAt")).toEqual([RANGE]);
    expect(fieldMessages(updateAppointmentSchema.safeParse({ startsAt: "9999-12-31T23:59:59Z" }), "startsAt")).toEqual([RANGE]);
    expect(fieldMessages(listAppointmentsSchema.safeParse({ from: "0001-01-01T00:00:00Z" }), "from")).toEqual([RANGE]);
    expect(isoInstant().parse("2026-11-25T14:30:00-03:00").toISOString()).toBe("2026-11-25T17:30:00.000Z");
  });
});
