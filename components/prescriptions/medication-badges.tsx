import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { MedicationHit } from "@/lib/prescriptions/catalogue/schemas";

/** Portaria 344 list, antimicrobial (RDC 471/2021) and clinic-item badges of one medication. */
export function MedicationBadges({ hit }: { hit: Pick<MedicationHit, "controlList" | "antimicrobial" | "source"> }) {
  const t = useTranslations("prescriptionCatalogue.picker");
  return (
    <span className="inline-flex flex-wrap gap-1">
      {hit.controlList && <Badge tone="danger">{t("controlled", { list: hit.controlList })}</Badge>}
      {hit.antimicrobial && <Badge tone="warning">{t("antimicrobial")}</Badge>}
      {hit.source === "clinic" && <Badge tone="brand">{t("clinicItem")}</Badge>}
    </span>
  );
}
