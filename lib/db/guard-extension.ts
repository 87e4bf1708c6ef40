import { Prisma } from "@/lib/generated/prisma/client";

// Reference models that belong to no tenant. Every other model gets the filter guard, the
// platform accounts (PlatformUser and its logs) included: an undefined filter there would reach
// every super admin.
export const PLATFORM_MODELS: ReadonlySet<string> = new Set([
  "Tenant", "Role", "Permission", "RolePermission", "Plan", "FeatureFlag",
  "Cid10Chapter", "Cid10Code", "DrugIngredient", "Medication", "MedicationIngredient", "DrugInteraction",
]);

// Operations that must name what they touch. In Prisma an `undefined` filter value means "no
// filter", so `update({ where: { id: input.id } })` with a missing id would hit every row.
const NEEDS_FILTER = new Set([
  "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow",
  "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany",
]);

export class UnsafeFilterError extends Error {
  constructor(model: string, operation: string, reason: string) {
    super(`Refused ${model}.${operation}: ${reason}`);
    this.name = "UnsafeFilterError";
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

// Depth-first: `{ id: { equals: undefined } }`, `{ NOT: { id: undefined } }` and a relation
// filter with an undefined inside are as wide as a missing filter. Dates, Decimals and Buffers
// are values, not filters, and are not walked.
function undefinedKey(where: Record<string, unknown>, path = ""): string | undefined {
  for (const [key, value] of Object.entries(where)) {
    const here = path ? `${path}.${key}` : key;
    if (value === undefined) return here;
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) {
      if (part === undefined) return here;
      if (isPlainObject(part)) {
        const nested = undefinedKey(part, here);
        if (nested) return nested;
      }
    }
  }
  return undefined;
}

export function assertSafeFilter(model: string, operation: string, args: unknown): void {
  if (PLATFORM_MODELS.has(model)) return;
  const where = (args as { where?: Record<string, unknown> } | undefined)?.where;
  if (where !== undefined) {
    const key = undefinedKey(where);
    if (key) throw new UnsafeFilterError(model, operation, `filter "${key}" is undefined`);
  }
  if (NEEDS_FILTER.has(operation) && (!where || Object.keys(where).length === 0)) {
    throw new UnsafeFilterError(model, operation, "an empty filter would match every row");
  }
}

export const filterGuard = Prisma.defineExtension({
  name: "tenant-filter-guard",
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        assertSafeFilter(model, operation, args);
        return query(args);
      },
    },
  },
});
