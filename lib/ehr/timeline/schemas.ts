import type { VitalSignDto } from "../vitals/schemas";

// The patient timeline's filters (from URL parameters) and item shapes. Client-safe.

export const TIMELINE_KINDS = ["encounter", "diagnosis", "vitals", "allergy", "attachment", "prescription"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_PAGE = 30;

export type TimelineFilter = { kinds: TimelineKind[]; from: string | null; to: string | null; cursor: string | null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isKind = (v: string): v is TimelineKind => (TIMELINE_KINDS as readonly string[]).includes(v);
const validDay = (v: unknown): string | null => {
  if (typeof v !== "string" || !DAY.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? null : v;
};

/**
 * `?tipo=encounter,vitals&de=2026-01-01&ate=2026-06-30&cursor=…` as a filter. Unknown kinds are
 * dropped (no kind left = every kind); a bad date is ignored rather than failing the page.
 */
export function parseTimelineParams(params: Record<string, string | string[] | undefined>): TimelineFilter {
  const one = (k: string) => { const v = params[k]; return Array.isArray(v) ? v[0] : v; };
  // Checkboxes send tipo=a&tipo=b; a link may carry tipo=a,b: both mean the same.
  const tipo = params.tipo;
  const kinds = (Array.isArray(tipo) ? tipo.join(",") : (tipo ?? "")).split(",").map((s) => s.trim()).filter(isKind);
  let from = validDay(one("de"));
  let to = validDay(one("ate"));
  if (from && to && from > to) [from, to] = [to, from];
  const cursor = one("cursor");
  return { kinds: kinds.length > 0 ? [...new Set(kinds)] : [...TIMELINE_KINDS], from, to, cursor: cursor && cursor.length <= 200 ? cursor : null };
}

/** The filter as URL parameters (without the cursor unless given), for links and the filter form. */
export function timelineQuery(filter: TimelineFilter, cursor: string | null = null): string {
  const q = new URLSearchParams();
  if (filter.kinds.length < TIMELINE_KINDS.length) q.set("tipo", filter.kinds.join(","));
  if (filter.from) q.set("de", filter.from);
  if (filter.to) q.set("ate", filter.to);
  if (cursor) q.set("cursor", cursor);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export type Diagnosis = { code: string; description: string | null };

export type TimelineItem =
  | { kind: "encounter"; id: string; at: string; type: string; status: string; doctor: string; diagnoses: Diagnosis[]; amendsId: string | null }
  | { kind: "diagnosis"; id: string; at: string; doctor: string; diagnoses: Diagnosis[] }
  | { kind: "vitals"; id: string; at: string; vitals: VitalSignDto }
  | { kind: "allergy"; id: string; at: string; substance: string; severity: string; inactiveAt: string | null }
  | { kind: "attachment"; id: string; at: string; fileName: string; mimeType: string; sizeBytes: number; medicalRecordId: string }
  | { kind: "prescription"; id: string; at: string; status: string; prescriptionKind: string; doctor: string; drugs: string[]; medicalRecordId: string | null };

export type PinnedProblem = Diagnosis & { encounters: number; firstAt: string; lastAt: string };

export type PatientTimeline = {
  pinned: {
    allergies: { id: string; substance: string; severity: string }[];
    deniesAllergies: boolean;
    problems: PinnedProblem[];
  };
  items: TimelineItem[];
  nextCursor: string | null;
  access: { via: "role" | "break_glass"; expiresAt: string | null };
};
