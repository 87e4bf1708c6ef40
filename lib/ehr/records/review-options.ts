import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";

/** The clinic's active doctors, for the setting that puts some of them under review (admin). */
export async function reviewDoctorOptions(ctx: Context): Promise<{ value: string; label: string }[]> {
  if (!can(ctx, "settings:manage")) throw forbidden();
  const doctors = await withTenant(ctx, (tx) => tx.user.findMany({
    where: { status: "ACTIVE", roles: { some: { role: "doctor" } } }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true },
  }));
  return doctors.map((d) => ({ value: d.id, label: d.name }));
}
