import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { AgendaForm } from "@/components/scheduling/agenda-form";
import { requireStaff } from "@/lib/auth/guards";
import { agendaFormOptions } from "@/lib/scheduling/agendas";
import { saveAgendaAction } from "../actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("newAgenda");

export default async function NewAgendaPage() {
  const ctx = await requireStaff("agendas:manage");
  const [t, options] = await Promise.all([getTranslations("scheduling.admin"), agendaFormOptions(ctx)]);
  return (
    <>
      <PageHeader title={t("newTitle")} />
      <AgendaForm options={options} initial={null} save={saveAgendaAction} />
    </>
  );
}
