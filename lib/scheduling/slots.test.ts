import { describe, expect, it } from "vitest";
import { computeSlots, type WorkingInterval } from "./slots";
import { atLocalMinute, localDayBounds, mondayOf } from "./time";

const h = (weekday: number, from: number, to: number): WorkingInterval => ({ weekday, startMinute: from * 60, endMinute: to * 60 });
const base = { slotMinutes: 60, blocks: [], appointments: [], now: new Date("2000-01-01T00:00:00Z") };
const starts = (slots: { startsAt: string }[]) => slots.map((s) => s.startsAt);

describe("computeSlots", () => {
  it("places São Paulo's 08:00 at 11:00 UTC and leaves the lunch break out", () => {
    const slots = computeSlots({ ...base, date: "2026-11-25", timeZone: "America/Sao_Paulo", slotMinutes: 30, workingHours: [h(3, 8, 10), h(3, 13, 14)] });
    expect(starts(slots)).toEqual([
      "2026-11-25T11:00:00.000Z", "2026-11-25T11:30:00.000Z", "2026-11-25T12:00:00.000Z", "2026-11-25T12:30:00.000Z",
      "2026-11-25T16:00:00.000Z", "2026-11-25T16:30:00.000Z",
    ]);
    expect(computeSlots({ ...base, date: "2026-11-26", timeZone: "America/Sao_Paulo", workingHours: [h(3, 8, 10)] })).toEqual([]);
  });

  it("keeps New York's 08:00 local across the DST change (12:00Z in July, 13:00Z in December)", () => {
    const july = computeSlots({ ...base, date: "2026-07-01", timeZone: "America/New_York", workingHours: [h(3, 8, 9)] });
    const december = computeSlots({ ...base, date: "2026-12-02", timeZone: "America/New_York", workingHours: [h(3, 8, 9)] });
    expect(starts(july)).toEqual(["2026-07-01T12:00:00.000Z"]);
    expect(starts(december)).toEqual(["2026-12-02T13:00:00.000Z"]);
  });

  it("skips the hour clocks jump over in spring and does not offer the repeated hour twice in autumn", () => {
    const spring = computeSlots({ ...base, date: "2026-03-08", timeZone: "America/New_York", workingHours: [h(0, 0, 5)] });
    expect(starts(spring)).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-08T06:00:00.000Z", "2026-03-08T07:00:00.000Z", "2026-03-08T08:00:00.000Z"]);
    const autumn = computeSlots({ ...base, date: "2026-11-01", timeZone: "America/New_York", workingHours: [h(0, 0, 4)] });
    expect(starts(autumn)).toEqual(["2026-11-01T04:00:00.000Z", "2026-11-01T05:00:00.000Z", "2026-11-01T07:00:00.000Z", "2026-11-01T08:00:00.000Z"]);
    expect(atLocalMinute("2026-03-08", 150, "America/New_York")).toBeNull();
  });

  it("marks blocked, booked and past slots", () => {
    const slots = computeSlots({
      date: "2026-11-25", timeZone: "America/Sao_Paulo", slotMinutes: 60, workingHours: [h(3, 8, 12)],
      now: new Date("2026-11-25T12:10:00Z"),
      blocks: [{ startsAt: new Date("2026-11-25T13:30:00Z"), endsAt: new Date("2026-11-25T14:00:00Z"), reason: "Reunião" }],
      appointments: [{ startsAt: new Date("2026-11-25T12:00:00Z"), endsAt: new Date("2026-11-25T12:30:00Z") }],
    });
    expect(slots.map((s) => s.state)).toEqual(["past", "booked", "blocked", "free"]);
    expect(slots[2]!.blockReason).toBe("Reunião");
  });
});

describe("local days", () => {
  it("is 23 hours long on the day New York springs forward", () => {
    const { from, to } = localDayBounds("2026-03-08", "America/New_York");
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(23);
  });
  it("finds the Monday of a week", () => {
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
  });
});
