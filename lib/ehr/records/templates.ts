import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/scheduling/access";
import { z } from "zod";
import { normalizeSections } from "./content";
import { SECTION_KEYS, type Sections } from "./schemas";
import { templateInputSchema, type TemplateView } from "./template-schemas";
import { recordsMessage } from "./messages";

// Per-specialty note templates, edited by the clinic in /admin and picked by a doctor for a new
// note. A template is boilerplate (no patient data), so its text is stored as plain JSON.

function sectionsOf(raw: unknown): Sections {
  const input = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const out: Sections = {};
  for (const key of SECTION_KEYS) if (typeof input[key] === "string") out[key] = input[key];
  return out;
}

const select = { id: true, name: true, specialty: true, active: true, sections: true } as const;
const toView = (t: { id: string; name: string; specialty: string | null; active: boolean; sections: unknown }): TemplateView =>
  ({ ...t, sections: sectionsOf(t.sections) });

/** An active template's sections for a new note; an unknown or inactive one is not found. */
export async function templateSections(tx: Tx, id: string): Promise<{ id: string; sections: Sections }> {
  const t = await tx.recordTemplate.findFirst({ where: { id, active: true }, select: { id: true, sections: true } });
  if (!t) throw notFound("Modelo");
  return { id: t.id, sections: sectionsOf(t.sections) };
}

/** Active templates for the doctor's picker; every template for the admin page. */
export async function listTemplates(ctx: Context, opts: { includeInactive?: boolean } = {}): Promise<TemplateView[]> {
  if (!can(ctx, "records:write") && !can(ctx, "settings:manage")) throw forbidden();
  const rows = await withTenant(ctx, (tx) => tx.recordTemplate.findMany({
    where: opts.includeInactive && can(ctx, "settings:manage") ? { tenantId: ctx.tenantId } : { active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }], select,
  }));
  return rows.map(toView);
}

const idSchema = z.uuid(recordsMessage("invalidId"));

/** Creates (no id) or replaces (id) a template; audited with the sections that hold text. */
export async function saveTemplate(ctx: Context, id: string | null, input: unknown): Promise<{ id: string }> {
  if (!can(ctx, "settings:manage")) throw forbidden();
  const data = parseInput(templateInputSchema, input);
  const templateId = id === null ? null : parseInput(idSchema, id);
  const values = { name: data.name, specialty: data.specialty, active: data.active, sections: normalizeSections(data.sections) };
  return withTenant(ctx, async (tx) => {
    let savedId: string;
    if (templateId === null) {
      savedId = (await tx.recordTemplate.create({ data: values, select: { id: true } })).id;
    } else {
      const changed = await tx.recordTemplate.updateMany({ where: { id: templateId }, data: values });
      if (changed.count !== 1) throw notFound("Modelo");
      savedId = templateId;
    }
    await recordAudit(tx, ctx, {
      action: templateId === null ? "record_template.created" : "record_template.updated", entityType: "record_template", entityId: savedId,
      metadata: { active: data.active, sections: Object.keys(values.sections) },
    });
    return { id: savedId };
  });
}
