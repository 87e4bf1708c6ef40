import { describe, expect, it } from "vitest";
import { assignLanes } from "./lanes";

const at = (hhmm: string) => `2026-12-04T${hhmm}:00-03:00`;
const appt = (id: string, from: string, to: string) => ({ id, startsAt: at(from), endsAt: at(to) });

describe("assignLanes", () => {
  it("gives appointments that do not overlap the whole width", () => {
    const lanes = assignLanes([appt("a", "09:00", "09:30"), appt("b", "09:30", "10:00")]);
    expect([lanes.get("a"), lanes.get("b")]).toEqual([{ lane: 0, lanes: 1 }, { lane: 0, lanes: 1 }]);
  });

  it("puts two encaixes at the same time, and the booking they share it with, side by side", () => {
    const lanes = assignLanes([appt("slot", "19:20", "19:40"), appt("e1", "19:20", "19:40"), appt("e2", "19:30", "19:50"), appt("later", "20:00", "20:20")]);
    const group = ["slot", "e1", "e2"].map((id) => lanes.get(id)!);
    expect(new Set(group.map((l) => l.lane)).size).toBe(3);
    expect(group.every((l) => l.lanes === 3)).toBe(true);
    expect(lanes.get("later")).toEqual({ lane: 0, lanes: 1 });
  });

  it("reuses a lane freed inside a group, keeping the group's width", () => {
    const lanes = assignLanes([appt("long", "09:00", "10:00"), appt("x", "09:00", "09:20"), appt("y", "09:30", "09:50")]);
    expect(lanes.get("long")).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get("x")).toEqual({ lane: 1, lanes: 2 });
    expect(lanes.get("y")).toEqual({ lane: 1, lanes: 2 });
  });
});
