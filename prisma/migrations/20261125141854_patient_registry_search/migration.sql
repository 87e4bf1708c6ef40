-- DropIndex
DROP INDEX "patients_tenant_id_search_name_idx";

-- DropIndex
DROP INDEX "patients_tenant_id_status_idx";

-- CreateIndex
CREATE UNIQUE INDEX "patients_tenant_id_cns_key" ON "patients"("tenant_id", "cns");

-- Hand-written: patient search (lib/patients/search.ts). Measured at 1,000,000 patients in one
-- tenant (plus 200,000 in two others); figures in docs/patient-search.md.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Ordered walk by name (list, whole-name prefix, paging). Migration 141935 (another change's
-- generated SQL) drops and recreates it, and patient_name_walk_status_last gives it its final
-- shape; see there.
CREATE INDEX "patients_name_walk_idx" ON "patients" ("tenant_id", "search_name" varchar_pattern_ops, "id", "status");

-- Substring and word-start search. The leading space makes "starts a word" one pattern
-- (LIKE '% ana%') for the first word too, so several words AND inside one GIN scan.
CREATE INDEX "patients_name_trgm_idx" ON "patients" USING GIN ("tenant_id", (' ' || "search_name") gin_trgm_ops);

-- A finer histogram lets the planner tell a common name (walk the ordered index and stop early)
-- from a rare one (trigram bitmap, then sort a few rows).
ALTER TABLE "patients" ALTER COLUMN "search_name" SET STATISTICS 1000;

-- Why a SECURITY DEFINER function: under row-level security PostgreSQL may use a user's WHERE
-- clause as an index condition only if its operator is LEAKPROOF, and LIKE is not. Through the
-- app role every LIKE above became a sequential scan of the whole table (250 ms at 1.2 M rows).
-- This function runs as the schema owner and applies the tenant predicate itself, from the same
-- transaction-local setting the policy reads (unset → no rows). It returns ids and a rank tier
-- only; the caller reads the rows through RLS as usual. Tiers: 1 the whole name starts with the
-- query, 2 every query word starts a word of the name, 3 (one-word queries of 3+ letters) the
-- word appears inside the name. Within a tier, alphabetical. At most p_cap ids (≤ 1000).
-- p_query and p_terms arrive lower-case, accent-free and LIKE-escaped (lib/patients/search.ts).
CREATE FUNCTION patient_name_search(p_status "PatientStatus", p_query text, p_terms text[], p_cap integer)
RETURNS TABLE (tier integer, patient_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $fn$
DECLARE
  tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
  n integer := coalesce(array_length(p_terms, 1), 0);
  need integer := least(greatest(p_cap, 0), 1000);
  words text := 'true';
  conds text[];
  got integer;
BEGIN
  IF tenant IS NULL OR need = 0 OR p_query IS NULL OR p_query = '' THEN RETURN; END IF;
  FOR i IN 1 .. n LOOP
    words := words || CASE WHEN length(p_terms[i]) >= 2
      THEN format(' AND ('' '' || p.search_name) LIKE ''%% '' || $4[%s] || ''%%''', i)
      ELSE format(' AND strpos('' '' || p.search_name, '' '' || $5[%s]) > 0', i) END;
  END LOOP;
  conds := ARRAY['p.search_name LIKE $3 || ''%%''', words || ' AND NOT p.search_name LIKE $3 || ''%%'''];
  IF n = 1 AND length(p_terms[1]) >= 3 THEN
    conds := conds || format('('' '' || p.search_name) LIKE ''%%'' || $4[1] || ''%%'' AND NOT (%s)', words);
  END IF;
  FOR t IN 1 .. array_length(conds, 1) LOOP
    EXIT WHEN need = 0;
    RETURN QUERY EXECUTE format(
      'SELECT %s, p.id FROM patients p WHERE p.tenant_id = $1 AND p.status = $2 AND %s ORDER BY p.search_name USING ~<~, p.id LIMIT $6',
      t, conds[t]) USING tenant, p_status, p_query, p_terms, p_terms, need;
    GET DIAGNOSTICS got = ROW_COUNT;
    need := need - got;
  END LOOP;
END
$fn$;
REVOKE ALL ON FUNCTION patient_name_search("PatientStatus", text, text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION patient_name_search("PatientStatus", text, text[], integer) TO prontivus_app;
