-- The ordered walk by name within a tenant (lib/patients/search.ts): the unfiltered list,
-- whole-name prefix (varchar_pattern_ops: LIKE 'ana%' becomes a range, ORDER BY ... USING ~<~
-- reads it in order), and a common name found by walking in order and filtering.
-- status comes last: under row-level security only leakproof operators may be index conditions
-- and enum "=" is not one, so a status-leading index could not be walked in name order by the
-- app role (a 0.5 s sort at 1 M patients); as a key column it is still read from the index.
-- Prisma neither writes nor sees the operator class (see schema.prisma).

-- DropIndex
DROP INDEX "patients_name_walk_idx";

-- CreateIndex
CREATE INDEX "patients_name_walk_idx" ON "patients"("tenant_id", "search_name" varchar_pattern_ops, "id", "status");
