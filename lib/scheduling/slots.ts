import type { Slot } from "./schemas";
import { atLocalMinute, weekdayOf } from "./time";

// The slots of one agenda on one local day: pure, so it is unit-tested without a database and
// the booking path re-runs exactly what the calendar showed.

export type WorkingInterval = { weekday: number; startMinute: number; endMinute: number };
export type Busy = { startsAt: Date; endsAt: Date; reason?: string };

export type SlotInput = {
  date: string;
  timeZone: string;
  slotMinutes: number;
  workingHours: readonly WorkingInterval[];
  blocks: readonly Busy[];
  appointments: readonly Busy[];
  now: Date;
};

const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export function computeSlots(input: SlotInput): Slot[] {
  const weekday = weekdayOf(input.date);
  const intervals = input.workingHours.filter((w) => w.weekday === weekday)
    .sort((a, b) => a.startMinute - b.startMinute);
  const slots: Slot[] = [];
  for (const w of intervals) {
    for (let minute = w.startMinute; minute + input.slotMinutes <= w.endMinute; minute += input.slotMinutes) {
      const startsAt = atLocalMinute(input.date, minute, input.timeZone);
      if (!startsAt) continue; // the hour the clocks skip
      // Real elapsed time: a slot across a DST change still lasts slotMinutes.
      const slot = { startsAt, endsAt: new Date(startsAt.getTime() + input.slotMinutes * 60_000) };
      const block = input.blocks.find((b) => overlaps(b, slot));
      const state: Slot["state"] = block ? "blocked"
        : input.appointments.some((a) => overlaps(a, slot)) ? "booked"
          : slot.endsAt <= input.now ? "past" : "free";
      slots.push({
        startsAt: startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), state,
        ...(block?.reason ? { blockReason: block.reason } : {}),
      });
    }
  }
  return slots;
}
