import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/lib/auth/guards";
import { searchCid10Action } from "../_actions/cid10";
import { Cid10Lookup } from "./_components/cid10-lookup";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("cid10");

/** CID-10 lookup for clinicians: the chart's picker on its own, to find codes and check restrictions. */
export default async function Cid10Page() {
  await requireStaff("records:read");
  const t = await getTranslations("ehrCid10.lookup");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Cid10Lookup searchAction={searchCid10Action} />
    </>
  );
}
