// Side-by-side lanes for appointments that overlap in one agenda column (encaixes): each gets
// the first lane free at its start, and every appointment of an overlapping group shares the
// group's lane count, so boxes never cover each other and widths line up within the group.
// Client-safe and pure: the calendar grid renders from it.

export type Interval = { id: string; startsAt: string; endsAt: string };
export type Lane = { lane: number; lanes: number };

export function assignLanes(items: Interval[]): Map<string, Lane> {
  const sorted = [...items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Date.parse(b.endsAt) - Date.parse(a.endsAt) || a.id.localeCompare(b.id));
  const out = new Map<string, Lane>();
  let group: { id: string; lane: number }[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    for (const g of group) out.set(g.id, { lane: g.lane, lanes: laneEnds.length });
    group = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    const start = Date.parse(item.startsAt);
    const end = Date.parse(item.endsAt);
    if (start >= groupEnd) close();
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
    if (lane === -1) { lane = laneEnds.length; laneEnds.push(end); } else laneEnds[lane] = end;
    group.push({ id: item.id, lane });
    groupEnd = Math.max(groupEnd, end);
  }
  close();
  return out;
}
