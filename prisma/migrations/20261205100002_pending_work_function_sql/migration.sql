-- What waits for a doctor (lib/ehr/records/queries.ts, pendingWork: the count in every doctor's
-- navigation and the list on the dashboard) as two index ranges instead of a walk of the clinic's
-- whole chart.
--
-- Under row-level security PostgreSQL may only use a condition as an index condition before the
-- policy's check when its operator is LEAKPROOF, and enum equality (enum_eq) is not. So
-- `status IN ('DRAFT', …)` could never narrow an index scan: with ORDER BY occurred_at LIMIT 100
-- the planner walked (tenant_id, occurred_at) and filtered every record of the clinic (300,000
-- records, ~250 ms per page view in bench:ehr --large). Like patient_name_search, this runs as
-- its owner with the tenant taken from the caller's transaction (app.tenant_id; unset → nothing),
-- and spells the tenant out in each range: the doctor's own open notes on (tenant_id, doctor_id,
-- status, occurred_at), and, for a doctor who reviews, other doctors' notes sent to review on
-- (tenant_id, status, occurred_at). Each range is small; the union is cut to p_limit.

CREATE FUNCTION pending_work_records(p_doctor uuid, p_reviews boolean, p_limit integer)
RETURNS TABLE (id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $fn$
  WITH tenant AS (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid AS id)
  SELECT w.id FROM (
    (SELECT r.id, r.occurred_at FROM medical_records r, tenant
      WHERE r.tenant_id = tenant.id AND r.doctor_id = p_doctor AND r.status IN ('DRAFT', 'RETURNED', 'APPROVED')
      ORDER BY r.occurred_at, r.id LIMIT p_limit)
    UNION ALL
    (SELECT r.id, r.occurred_at FROM medical_records r, tenant
      WHERE p_reviews AND r.tenant_id = tenant.id AND r.status = 'PENDING_REVIEW' AND r.doctor_id <> p_doctor
      ORDER BY r.occurred_at, r.id LIMIT p_limit)
  ) w
  ORDER BY w.occurred_at, w.id
  LIMIT p_limit
$fn$;
