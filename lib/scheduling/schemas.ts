import type { ActionResult as SharedActionResult } from "@/lib/action-result";
import { z } from "zod";
import { isoDay, isoInstant, isoLocalDateTime } from "@/lib/validation/dates";
import { text } from "@/lib/validation/text";
import type { AppointmentModality, AppointmentStatus } from "@/lib/generated/prisma/enums";

// Inputs and DTOs of scheduling; the only file of lib/scheduling that client code imports.
//
// Domain functions (server side), all `(ctx, …)`, permission-checked, tenant-scoped, audited:
//   agendas.ts     listAgendas, getAgendaConfig, createAgenda, updateAgenda, agendaFormOptions
//   blocks.ts      addAgendaBlock, removeAgendaBlock
//   booking.ts     bookAppointment(ctx, input, now?, { beforeAudit? }), listFreeSlots(ctx, { agendaId, date }, now?)
//   status/        moves.ts: transitionAppointment(ctx, id, input, now?), cancelAppointmentAsPatient(ctx, input, now?),
//                  allowedMoves / withheldMoves (what the page offers now); revert.ts: undoStatusChange(ctx, id, { reason }, now?);
//                  errors.ts: the StatusError refusals (reason + params)
//   reschedule.ts  rescheduleAppointment(ctx, id, input, now?)
//   update.ts      updateAppointment(ctx, id, input, now?)  (one door for PUT: status, time or details)
//   queries.ts     listAppointments(ctx, filters), getAppointment(ctx, id), getAppointmentHistory(ctx, id)
//   views.ts       dayView(ctx, date), weekView(ctx, agendaId, date), myDay(ctx, now?)
//   lanes.ts       side-by-side lanes for overlapping appointments in one calendar column
// Another clinic's id, or an appointment a doctor may not see, is `not_found` (404).

const uuid = z.uuid("Identificador inválido.");
const time = text().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use o formato hh:mm.");

/** "2026-11-25": a calendar day in the clinic's time zone. */
export const localDate = isoDay("Data inválida.");

/** "2026-11-25T14:30": a wall-clock moment in the clinic's time zone (datetime-local inputs). */
export const localDateTime = isoLocalDateTime("Data e hora inválidas.");

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const fromMinutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

export const workingIntervalSchema = z.object({
  weekday: z.coerce.number().int().min(0).max(6),
  start: time,
  end: time,
});

export const agendaInputSchema = z.object({
  name: text().trim().min(3, "Informe um nome para a agenda.").max(120, "Nome muito longo."),
  doctorId: uuid,
  slotMinutes: z.coerce.number("Informe a duração.").int("Use minutos inteiros.")
    .min(5, "Mínimo de 5 minutos.").max(240, "Máximo de 240 minutos."),
  roomId: uuid.nullable().or(z.literal("").transform(() => null)).default(null),
  acceptsPrivate: z.boolean().default(true),
  insurerIds: z.array(uuid).max(200).default([]).transform((ids) => [...new Set(ids)]),
  active: z.boolean().default(true),
  workingHours: z.array(workingIntervalSchema).max(70).default([]),
}).superRefine((v, issue) => {
  v.workingHours.forEach((w, i) => {
    if (toMinutes(w.end) <= toMinutes(w.start)) {
      issue.addIssue({ code: "custom", path: ["workingHours", i, "end"], message: "O fim deve ser depois do início." });
      return;
    }
    const clash = v.workingHours.findIndex((o, j) => j < i && o.weekday === w.weekday
      && toMinutes(o.start) < toMinutes(w.end) && toMinutes(w.start) < toMinutes(o.end));
    if (clash >= 0) {
      issue.addIssue({ code: "custom", path: ["workingHours", i, "start"], message: `Sobrepõe o intervalo ${v.workingHours[clash]!.start}–${v.workingHours[clash]!.end}.` });
    }
  });
  if (!v.acceptsPrivate && v.insurerIds.length === 0) {
    issue.addIssue({ code: "custom", path: ["insurerIds"], message: "Aceite particular ou ao menos um convênio." });
  }
});
export type AgendaInput = z.input<typeof agendaInputSchema>;

export const agendaBlockInputSchema = z.object({
  agendaId: uuid,
  startsAt: localDateTime,
  endsAt: localDateTime,
  reason: text().trim().min(3, "Informe o motivo (ex.: férias, feriado).").max(200, "Motivo muito longo."),
}).refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "O fim deve ser depois do início." });
export type AgendaBlockInput = z.input<typeof agendaBlockInputSchema>;

const encaixeFields = {
  isEncaixe: z.boolean().default(false),
  encaixeReason: text().trim().max(300, "Motivo muito longo.").optional().transform((v) => v || undefined),
  /** Only for an encaixe: a length other than the agenda's slot. */
  durationMinutes: z.coerce.number().int().min(5).max(240).optional(),
};
const needsEncaixeReason = (v: { isEncaixe: boolean; encaixeReason?: string }, issue: z.RefinementCtx) => {
  if (v.isEncaixe && (!v.encaixeReason || v.encaixeReason.length < 3)) {
    issue.addIssue({ code: "custom", path: ["encaixeReason"], message: "Um encaixe precisa de um motivo." });
  }
};

export const bookAppointmentSchema = z.object({
  agendaId: uuid,
  patientId: uuid,
  startsAt: isoInstant("Horário inválido."),
  modality: z.enum(["IN_PERSON", "TELEMEDICINE"], "Escolha a modalidade.").default("IN_PERSON"),
  /** null: particular (private). */
  insuranceProviderId: uuid.nullable().or(z.literal("").transform(() => null)).default(null),
  reason: text().trim().max(300, "Motivo muito longo.").optional().transform((v) => v || undefined),
  ...encaixeFields,
}).superRefine(needsEncaixeReason);
export type BookAppointmentInput = z.input<typeof bookAppointmentSchema>;

export const TRANSITION_TARGETS = ["CONFIRMED", "ARRIVED", "IN_PROGRESS", "COMPLETED", "CANCELLED", "NO_SHOW"] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

export const transitionSchema = z.object({
  to: z.enum(TRANSITION_TARGETS, "Situação inválida."),
  reason: text().trim().max(300, "Motivo muito longo.").optional().transform((v) => v || undefined),
}).refine((v) => v.to !== "CANCELLED" || (v.reason?.length ?? 0) >= 3, { path: ["reason"], message: "Informe o motivo do cancelamento." });
export type TransitionInput = z.input<typeof transitionSchema>;

/** The status machine: from → the statuses it may move to. Terminal statuses have none. */
export const NEXT_STATUS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  // A patient who never answered the confirmation may still turn up: SCHEDULED → ARRIVED.
  SCHEDULED: ["CONFIRMED", "ARRIVED", "CANCELLED", "NO_SHOW"],
  CONFIRMED: ["ARRIVED", "CANCELLED", "NO_SHOW"],
  ARRIVED: ["IN_PROGRESS", "CANCELLED"],
  IN_PROGRESS: ["COMPLETED"],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
};
export const canMove = (from: AppointmentStatus, to: AppointmentStatus) => NEXT_STATUS[from].includes(to);
/**
 * Moves a person makes by mistake and may undo the same day (lib/scheduling/status/revert.ts): a
 * confirmation, a check-in, a no-show. Starting, finishing and cancelling are not undone here
 * (a chart may be open; the patient and the waitlist have been told).
 */
export const UNDOABLE_STATUSES: readonly AppointmentStatus[] = ["CONFIRMED", "ARRIVED", "NO_SHOW"];
/** Moves that belong to the appointment's own day, in the clinic's time zone. */
export const DAY_BOUND_STATUSES: readonly AppointmentStatus[] = ["ARRIVED", "IN_PROGRESS", "NO_SHOW"];
/** Statuses that hold the doctor's time (the exclusion constraint's complement). */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ["SCHEDULED", "CONFIRMED", "ARRIVED", "IN_PROGRESS", "COMPLETED"];

export const rescheduleSchema = z.object({
  agendaId: uuid.optional(),
  startsAt: isoInstant("Horário inválido."),
  ...encaixeFields,
}).superRefine(needsEncaixeReason);
export type RescheduleInput = z.input<typeof rescheduleSchema>;

export const updateAppointmentSchema = z.object({
  status: z.enum(TRANSITION_TARGETS, "Situação inválida.").optional(),
  cancellationReason: text().trim().max(300).optional(),
  startsAt: isoInstant("Horário inválido.").transform((d) => d.toISOString()).optional(),
  agendaId: uuid.optional(),
  isEncaixe: z.boolean().optional(),
  encaixeReason: text().trim().max(300).optional(),
  reason: text().trim().max(300, "Motivo muito longo.").nullable().optional(),
  modality: z.enum(["IN_PERSON", "TELEMEDICINE"]).optional(),
}).refine((v) => !(v.status && v.startsAt), { path: ["status"], message: "Altere a situação ou o horário, não ambos." });
export type UpdateAppointmentInput = z.input<typeof updateAppointmentSchema>;

export const listAppointmentsSchema = z.object({
  from: isoInstant().optional(),
  to: isoInstant().optional(),
  doctorId: uuid.optional(),
  agendaId: uuid.optional(),
  patientId: uuid.optional(),
  status: z.enum(["SCHEDULED", "CONFIRMED", "ARRIVED", "IN_PROGRESS", "COMPLETED", "CANCELLED", "NO_SHOW"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: text().max(200).optional(),
});
export type ListAppointmentsInput = z.input<typeof listAppointmentsSchema>;

export type AppointmentView = {
  id: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  modality: AppointmentModality;
  isEncaixe: boolean;
  encaixeReason: string | null;
  reason: string | null;
  patient: { id: string; name: string; civilName: string };
  doctor: { id: string; name: string };
  agenda: { id: string; name: string } | null;
  room: string | null;
  insurance: { id: string; name: string } | null;
  confirmedAt: string | null;
  arrivedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelledByName: string | null;
  cancellationReason: string | null;
  rescheduledFromId: string | null;
  createdAt: string;
  /** The last status move while it may still be undone: the status it left, who made it, when. */
  lastChange: { from: AppointmentStatus; byId: string | null; byName: string | null; at: string } | null;
};

export type AppointmentPage = { rows: AppointmentView[]; nextCursor: string | null };

export type Slot = { startsAt: string; endsAt: string; state: "free" | "booked" | "blocked" | "past"; blockReason?: string };

/** What a server action answers (the booking form reads `id` to open the new appointment). */
export type ActionResult = SharedActionResult<{ id?: string }>;

export type HistoryEntry = { at: string; action: string; actorName: string | null; from: string | null; to: string | null; appointmentId: string };
export type AppointmentHistory = { entries: HistoryEntry[]; rescheduledFrom: string | null; rescheduledTo: string | null };
