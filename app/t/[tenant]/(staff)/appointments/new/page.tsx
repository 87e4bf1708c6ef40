import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { BookingForm } from "@/components/scheduling/booking-form";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { listAgendas } from "@/lib/scheduling/agendas";
import { dateParam, one } from "@/lib/scheduling/page-helpers";
import { findBookingPatient } from "@/lib/scheduling/queries";
import { localDateOf } from "@/lib/scheduling/time";
import { bookAction, freeSlotsAction, searchPatientsAction } from "../actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("newAppointment");

export default async function NewAppointmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("appointments:write");
  const sp = await searchParams;
  const [t, agendas, patient] = await Promise.all([
    getTranslations("scheduling.booking"), listAgendas(ctx), can(ctx, "patients:read") ? findBookingPatient(ctx, one(sp.patient)) : null,
  ]);
  const start = one(sp.start);
  const startsAt = start && !Number.isNaN(Date.parse(start)) ? new Date(start).toISOString() : null;
  const requested = one(sp.agenda);
  const agendaId = agendas.some((a) => a.id === requested) ? requested! : (agendas[0]?.id ?? "");
  const date = startsAt ? localDateOf(new Date(startsAt), ctx.timeZone) : dateParam(sp.date, ctx.timeZone);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <BookingForm
        agendas={agendas.map((a) => ({ id: a.id, name: a.name, doctorName: a.doctorName, acceptsPrivate: a.acceptsPrivate, insurers: a.insurers }))}
        timeZone={ctx.timeZone}
        initial={{ agendaId, date, startsAt, patient }}
        actions={{ book: bookAction, slots: freeSlotsAction, search: searchPatientsAction }}
      />
    </>
  );
}
