import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatCalendarDate } from "@/lib/format/date";
import { addDays } from "@/lib/scheduling/time";

// Previous / today / next, and a dd/mm/aaaa field (a plain GET form: works without JavaScript).

export async function DateNav({ path, date, today, step, params = {} }: {
  path: string; date: string; today: string; step: 1 | 7; params?: Record<string, string>;
}) {
  const t = await getTranslations("scheduling");
  const href = (d: string) => `${path}?${new URLSearchParams({ ...params, date: d }).toString()}`;
  return (
    <div className="mb-4 flex flex-wrap items-end gap-2">
      <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(addDays(date, -step))}>{step === 1 ? t("nav.previousDay") : t("nav.previousWeek")}</Link>
      <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(today)}>{t("nav.today")}</Link>
      <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(addDays(date, step))}>{step === 1 ? t("nav.nextDay") : t("nav.nextWeek")}</Link>
      <form method="get" action={path} className="flex items-end gap-2">
        {Object.entries(params).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("nav.goTo")}</span>
          <Input name="date" defaultValue={formatCalendarDate(`${date}T00:00:00Z`)} placeholder="dd/mm/aaaa" inputMode="numeric" className="h-8 w-32" />
        </label>
        <button type="submit" className={buttonClasses({ variant: "secondary", size: "sm" })}>{t("nav.go")}</button>
      </form>
    </div>
  );
}
