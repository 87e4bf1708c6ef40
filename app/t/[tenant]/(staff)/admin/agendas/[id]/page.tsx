import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { AgendaBlocks } from "@/components/scheduling/agenda-blocks";
import { AgendaForm } from "@/components/scheduling/agenda-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guards";
import { agendaFormOptions, getAgendaConfig } from "@/lib/scheduling/agendas";
import { orNotFound } from "@/lib/scheduling/page-helpers";
import { addBlockAction, removeBlockAction, saveAgendaAction } from "../actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("agenda");

export default async function EditAgendaPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireStaff("agendas:manage");
  const { id } = await params;
  const [t, config, options] = await Promise.all([getTranslations("scheduling.admin"), orNotFound(getAgendaConfig(ctx, id)), agendaFormOptions(ctx)]);
  return (
    <>
      <PageHeader title={config.name} />
      <div className="space-y-6">
        <AgendaForm options={options} initial={config} save={saveAgendaAction} />
        <Card>
          <CardHeader title={t("blocks")} description={t("blocksHint")} />
          <CardBody><AgendaBlocks agendaId={config.id} blocks={config.blocks} actions={{ add: addBlockAction, remove: removeBlockAction }} /></CardBody>
        </Card>
      </div>
    </>
  );
}
