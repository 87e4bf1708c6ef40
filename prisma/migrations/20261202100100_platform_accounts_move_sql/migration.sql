-- Platform accounts, step 2 of 3 (hand-written). 20261202100000_platform_accounts created the
-- platform tables; the generated 20261202100200_platform_rows_out_of_tenant_tables follows and
-- makes tenant_id NOT NULL and (tenant_id, id) the primary key of the five tenant tables that
-- held platform rows (docs/scaling.md, "How platform accounts are kept apart").
--
-- Here, as the schema owner, in one transaction (the runner sends the file as one query):
--   1. isolation and grants of the platform tables, and the platform audit chain's functions;
--   2. the rows with tenant_id NULL move: super admins to platform_users (same ids, so audit
--      rows still name their actor), their sign-in attempts, security events and audit rows
--      (seq, prev_hash, hash and created_at unchanged, so the platform chain verifies as before);
--      their user_roles rows disappear (super admin is the only platform role);
--   3. the objects that existed only for those rows go (the two partial unique indexes and
--      user_roles_user_id_fkey), the tenant policies of the five tables lose their platform
--      clause, and audit_chain() its platform branch;
--   4. the foreign keys into users(tenant_id, id) are dropped, because the next migration drops
--      the unique index they hang on (now redundant with the new primary key); it adds them back
--      (same names, columns and actions) once the key exists. Nothing is written in between.

-- The owner may itself be subject to FORCE'd row-level security: platform mode shows it the
-- rows with tenant_id NULL (and the new tables). Transaction-local: it ends with this file.
SELECT set_config('app.platform', 'on', true), set_config('app.tenant_id', '', true);

-- ── 1. The platform tables ──
-- Visible only in platform mode, and never in a transaction that names a clinic: one
-- transaction sees a clinic's rows or the platform's, not both.
DO $$
DECLARE
  t text;
  predicate text := $e$current_setting('app.platform', true) = 'on' AND NULLIF(current_setting('app.tenant_id', true), '') IS NULL$e$;
BEGIN
  FOREACH t IN ARRAY ARRAY['platform_users', 'platform_login_attempts', 'platform_security_events', 'platform_audit_logs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY platform_only ON %I USING (%s) WITH CHECK (%s)', t, predicate, predicate);
  END LOOP;
END $$;

-- The app reads super admins and moves their sign-in state; it never creates one, nor changes
-- an e-mail, name, password or status (the seed and the database owner do).
GRANT SELECT ON platform_users TO prontivus_app;
GRANT UPDATE (session_version, failed_login_count, locked_at, last_login_at, totp_secret_enc,
  totp_enabled_at, totp_last_step, updated_at) ON platform_users TO prontivus_app;
-- Append-only logs, as their tenant counterparts.
GRANT SELECT, INSERT ON platform_login_attempts, platform_security_events, platform_audit_logs TO prontivus_app;

-- The canonical form of audit_row_hash(audit_logs) with tenant_id NULL in its place: a platform
-- row hashes exactly as it did in audit_logs, so moved rows keep their hashes and
-- `npm run audit:verify -- --platform` uses the same function name for both chains.
CREATE FUNCTION audit_row_hash(r platform_audit_logs) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    r.prev_hash, r.seq, r.id, NULL::uuid, r.actor_id, r.action, r.entity_type, r.entity_id,
    r.ip, r.user_agent, r.request_id, r.risk_score,
    to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.metadata
  )::text, 'UTF8')), 'hex')
$$;

-- One chain for the platform, under the advisory lock key it always had ('audit_chain:platform').
CREATE FUNCTION platform_audit_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_chain:platform', 0));
  SELECT seq, hash INTO last_seq, last_hash FROM platform_audit_logs ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.created_at := clock_timestamp();
  NEW.hash := audit_row_hash(NEW);
  RETURN NEW;
END $$;

-- ── 2. The platform rows move ──
-- A NULL-tenant user without the super_admin role could sign in but do nothing; one with a
-- code-by-message factor (never written by the app: those are clinic-only) got no session at
-- all. Both arrive disabled, so that no account gains access by the move.
INSERT INTO platform_users (id, email, name, password_hash, status, session_version, failed_login_count,
  locked_at, last_login_at, totp_secret_enc, totp_enabled_at, totp_last_step, created_at, updated_at, deactivated_at)
SELECT u.id, u.email, u.name, u.password_hash,
       CASE
         WHEN NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.tenant_id IS NULL AND r.role = 'super_admin') THEN 'DISABLED'
         WHEN u.otp_enabled_at IS NOT NULL AND u.totp_enabled_at IS NULL THEN 'DISABLED'
         ELSE u.status
       END,
       u.session_version, u.failed_login_count, u.locked_at, u.last_login_at, u.totp_secret_enc,
       u.totp_enabled_at, u.totp_last_step, u.created_at, u.updated_at, u.deactivated_at
  FROM users u WHERE u.tenant_id IS NULL;

INSERT INTO platform_login_attempts (id, user_id, email_hash, ip, succeeded, created_at)
SELECT id, user_id, email_hash, ip, succeeded, created_at FROM login_attempts WHERE tenant_id IS NULL;

INSERT INTO platform_security_events (id, type, severity, user_id, ip, user_agent, request_id, details, created_at)
SELECT id, type, severity, user_id, ip, user_agent, request_id, details, created_at FROM security_events WHERE tenant_id IS NULL;

-- Copied before the chain trigger exists, so nothing is renumbered or rehashed.
INSERT INTO platform_audit_logs (id, seq, actor_id, action, entity_type, entity_id, ip, user_agent,
  request_id, risk_score, metadata, prev_hash, hash, created_at)
SELECT id, seq, actor_id, action, entity_type, entity_id, ip, user_agent,
       request_id, risk_score, metadata, prev_hash, hash, created_at
  FROM audit_logs WHERE tenant_id IS NULL;

-- The two hash functions must agree on every moved row (whatever the stored hash says: a chain
-- that was already broken stays broken, and audit:verify says where).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM audit_logs a JOIN platform_audit_logs p USING (id)
              WHERE a.tenant_id IS NULL AND audit_row_hash(a) IS DISTINCT FROM audit_row_hash(p)) THEN
    RAISE EXCEPTION 'platform audit rows would not hash as they did in audit_logs';
  END IF;
END $$;

CREATE TRIGGER platform_audit_logs_chain BEFORE INSERT ON platform_audit_logs
  FOR EACH ROW EXECUTE FUNCTION platform_audit_chain();

DELETE FROM user_roles WHERE tenant_id IS NULL;
DELETE FROM login_attempts WHERE tenant_id IS NULL;
DELETE FROM security_events WHERE tenant_id IS NULL;
DELETE FROM audit_logs WHERE tenant_id IS NULL;
DELETE FROM users WHERE tenant_id IS NULL;

-- ── 3. What existed only for platform rows ──
DROP INDEX users_platform_email_key;
DROP INDEX user_roles_platform_user_role_key;
ALTER TABLE user_roles DROP CONSTRAINT user_roles_user_id_fkey;

DO $$
DECLARE
  t text;
  predicate text := $e$tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid$e$;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'user_roles', 'login_attempts', 'security_events', 'audit_logs'] LOOP
    EXECUTE format('ALTER POLICY tenant_isolation ON %I USING (%s) WITH CHECK (%s)', t, predicate, predicate);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_chain:' || NEW.tenant_id::text, 0));
  SELECT seq, hash INTO last_seq, last_hash FROM audit_logs
    WHERE tenant_id = NEW.tenant_id ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.created_at := clock_timestamp();
  NEW.hash := audit_row_hash(NEW);
  RETURN NEW;
END $$;

-- ── 4. Foreign keys on users' (tenant_id, id) unique index, re-added by the next migration ──
ALTER TABLE agendas DROP CONSTRAINT agendas_tenant_id_doctor_id_fkey;
ALTER TABLE appointments DROP CONSTRAINT appointments_tenant_id_doctor_id_fkey;
ALTER TABLE break_glass_grants DROP CONSTRAINT break_glass_grants_tenant_id_user_id_fkey;
ALTER TABLE clinical_documents DROP CONSTRAINT clinical_documents_tenant_id_doctor_id_fkey;
ALTER TABLE medical_records DROP CONSTRAINT medical_records_tenant_id_doctor_id_fkey;
ALTER TABLE medical_records DROP CONSTRAINT medical_records_tenant_id_reviewer_id_fkey;
ALTER TABLE password_reset_tokens DROP CONSTRAINT password_reset_tokens_tenant_id_user_id_fkey;
ALTER TABLE patients DROP CONSTRAINT patients_tenant_id_user_id_fkey;
ALTER TABLE prescriptions DROP CONSTRAINT prescriptions_tenant_id_doctor_id_fkey;
ALTER TABLE signing_certificates DROP CONSTRAINT signing_certificates_tenant_id_user_id_fkey;
ALTER TABLE two_factor_tokens DROP CONSTRAINT two_factor_tokens_tenant_id_user_id_fkey;
ALTER TABLE user_sessions DROP CONSTRAINT user_sessions_tenant_id_user_id_fkey;
ALTER TABLE vital_signs DROP CONSTRAINT vital_signs_tenant_id_recorded_by_fkey;
ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_tenant_id_doctor_id_fkey;

SELECT set_config('app.platform', '', true);
