-- Hand-written: patient_name_search() (migration patient_registry_search) chooses, per tier, how
-- to find that tier's matches instead of leaving it to the planner. Same signature and meaning:
-- tier 1 the whole name starts with the query, 2 every query word starts a word of the name,
-- 3 (one word of 3+ letters) the word appears inside the name; alphabetical within a tier; at
-- most p_cap (≤ 1000) ids. Figures: docs/patient-search.md.
--
-- Why: tiers 2 and 3 asked the planner for "the first N matches in name order". With the small
-- N left over from tier 1 it walked patients_name_walk_idx in order and filtered, assuming the
-- matches are spread evenly over the alphabet. They are not: `maria silva` outside tier 1 is
-- mostly "Maria … Silva", at the letter M, so the walk filtered 663,000 entries (0.2–0.5 s at
-- 1 M patients) where the trigram bitmap takes ~20 ms. No statistic shows that correlation.
--
-- Now, for tiers 2 and 3:
--   1. probe: walk the tenant's first 5,000 names in order (index-only, ~1–2 ms) and count the
--      tier's matches. The probe saw the whole tenant (a small clinic), or at that density N
--      matches come within 60,000 names → walk in order, stop at N (`silva`, `lva`).
--   2. several words → the candidates through the trigram index (GIN bitmap, in a MATERIALIZED
--      CTE so the planner cannot turn it back into a walk), sorted (two words, a whole name).
--   3. one word → EXPLAIN gives the bitmap's row estimate (the trigram statistics count well;
--      only the position in the alphabet is invisible to them); walk on only as far as that
--      bitmap would cost (20 names per row, at most 60,000 names), then the bitmap for what is
--      still missing, excluding the ids found. First names cluster (the first 5,000 names may all
--      be "Alícia …"), so a word absent from the probe can still be dense later (`ria`).
-- Costs behind the numbers, at 1 M patients on 2 cores: a walk ~0.2–0.3 µs per name; a bitmap
-- ~15 ms for the GIN scan plus ~4–6 µs per candidate row (a heap visit).
-- EXPLAIN is a utility statement, which a STABLE function may not run: hence VOLATILE.
CREATE OR REPLACE FUNCTION patient_name_search(p_status "PatientStatus", p_query text, p_terms text[], p_cap integer)
RETURNS TABLE (tier integer, patient_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $fn$
DECLARE
  tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
  n integer := coalesce(array_length(p_terms, 1), 0);
  need integer := least(greatest(p_cap, 0), 1000);
  probe constant integer := 5000;
  reach constant integer := 60000;  -- names a walk may cost before a bitmap is considered
  -- The tenant's names in order, index-only; LIMIT keeps the filter outside (a fence), so the
  -- walk cannot be replanned as something else and stops as soon as the outer LIMIT is met.
  walk constant text := '(SELECT q.id, q.search_name, q.status FROM patients q WHERE q.tenant_id = $1
                           ORDER BY q.search_name USING ~<~, q.id LIMIT %s) p';
  words text := 'true';
  conds text[];
  seen integer;
  hits integer;
  budget integer;
  found uuid[];
  plan json;
  got integer;
BEGIN
  IF tenant IS NULL OR need = 0 OR p_query IS NULL OR p_query = '' THEN RETURN; END IF;
  -- $1 tenant, $2 status, $3 query, $4 terms, $5 how many are still needed.
  FOR i IN 1 .. n LOOP
    words := words || CASE WHEN length(p_terms[i]) >= 2
      THEN format(' AND ('' '' || p.search_name) LIKE ''%% '' || $4[%s] || ''%%''', i)
      ELSE format(' AND strpos('' '' || p.search_name, '' '' || $4[%s]) > 0', i) END;
  END LOOP;

  -- Tier 1 is a range of the ordered index: always read in order, never more than needed.
  RETURN QUERY EXECUTE
    'SELECT 1, p.id FROM patients p WHERE p.tenant_id = $1 AND p.status = $2 AND p.search_name LIKE $3 || ''%''
      ORDER BY p.search_name USING ~<~, p.id LIMIT $5'
    USING tenant, p_status, p_query, p_terms, need;
  GET DIAGNOSTICS got = ROW_COUNT;
  need := need - got;

  conds := ARRAY[format('%s AND NOT p.search_name LIKE $3 || ''%%''', words)];
  IF n = 1 AND length(p_terms[1]) >= 3 THEN
    conds := conds || format('('' '' || p.search_name) LIKE ''%%'' || $4[1] || ''%%'' AND NOT (%s)', words);
  END IF;
  FOR t IN 1 .. array_length(conds, 1) LOOP
    EXIT WHEN need <= 0;
    EXECUTE format('SELECT count(*)::int, (count(*) FILTER (WHERE p.status = $2 AND %s))::int FROM %s',
                   conds[t], format(walk, probe))
      INTO seen, hits USING tenant, p_status, p_query, p_terms, need;
    IF seen < probe OR need::numeric * probe / (hits + 0.5) <= reach THEN
      -- Dense from the start (or a small clinic): walk in order until N.
      RETURN QUERY EXECUTE format(
        'SELECT %s, p.id FROM %s WHERE p.status = $2 AND %s ORDER BY p.search_name USING ~<~, p.id LIMIT $5',
        t + 1, format(walk, 2147483647), conds[t]) USING tenant, p_status, p_query, p_terms, need;
      GET DIAGNOSTICS got = ROW_COUNT;
      need := need - got;
      CONTINUE;
    END IF;
    -- Sparse at the start. One word: walk on, but only as far as the bitmap would cost
    -- (20 names per candidate row, at most `reach`), then take the bitmap for the rest.
    -- Several words: their matches are few, the bitmap directly.
    found := '{}';
    IF n = 1 THEN
      EXECUTE format('EXPLAIN (FORMAT JSON) SELECT p.id FROM patients p WHERE p.tenant_id = $1 AND p.status = $2 AND %s',
                     conds[t]) INTO plan USING tenant, p_status, p_query, p_terms, need;
      budget := least(reach, 20 * (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric)::integer;
      IF budget > probe THEN
        EXECUTE format(
          'SELECT coalesce(array_agg(x.id ORDER BY x.search_name USING ~<~, x.id), ''{}'') FROM (SELECT p.id, p.search_name
            FROM %s WHERE p.status = $2 AND %s ORDER BY p.search_name USING ~<~, p.id LIMIT $5) x',
          format(walk, budget), conds[t]) INTO found USING tenant, p_status, p_query, p_terms, need;
        RETURN QUERY SELECT t + 1, f.id FROM unnest(found) WITH ORDINALITY AS f(id, o) ORDER BY f.o;
        need := need - cardinality(found);
        CONTINUE WHEN need <= 0;
      END IF;
    END IF;
    RETURN QUERY EXECUTE format(
      'WITH c AS MATERIALIZED (SELECT p.id, p.search_name FROM patients p
                               WHERE p.tenant_id = $1 AND p.status = $2 AND %s AND NOT p.id = ANY($6))
       SELECT %s, c.id FROM c ORDER BY c.search_name USING ~<~, c.id LIMIT $5',
      conds[t], t + 1) USING tenant, p_status, p_query, p_terms, need, found;
    GET DIAGNOSTICS got = ROW_COUNT;
    need := need - got;
  END LOOP;
END
$fn$;
