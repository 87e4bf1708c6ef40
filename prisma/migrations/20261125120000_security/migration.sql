-- Security layer of the schema: what Prisma's schema language cannot express.
-- Application role, grants, row-level security, audit hash chain, immutability of signed
-- records and the database-level guard against double booking. See docs/architecture.md.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The role the app connects as: owns nothing, never bypasses RLS. Roles are cluster-wide, so
-- several databases (tests, staging) may race to create it.
DO $$
BEGIN
  CREATE ROLE prontivus_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;

GRANT USAGE ON SCHEMA public TO prontivus_app;

-- Platform and reference data: readable, never writable, by the app.
GRANT SELECT ON tenants, roles, permissions, role_permissions, plans, feature_flags,
  cid10_chapters, cid10_codes, medications, drug_interactions TO prontivus_app;

-- Tenant data: read, create, update. Health data is never hard-deleted.
GRANT SELECT, INSERT, UPDATE ON users, user_roles, two_factor_tokens, password_reset_tokens,
  tenant_invitations, user_sessions, refresh_tokens, tenant_subscriptions, tenant_feature_flags,
  idempotency_keys, insurance_providers, patients, patient_allergies, patient_emergency_contacts,
  consents, rooms, agendas, agenda_working_hours, agenda_blocks, agenda_insurers, appointments,
  appointment_reminders, waitlist_entries, medical_records, medical_record_attachments,
  vital_signs, prescriptions, prescription_items, financial_transactions TO prontivus_app;

-- The few link and housekeeping tables whose rows may really go away.
GRANT DELETE ON user_roles, tenant_feature_flags, idempotency_keys, patient_emergency_contacts,
  agenda_working_hours, agenda_insurers, agenda_blocks TO prontivus_app;

-- Append-only logs: no UPDATE, no DELETE for the app.
GRANT SELECT, INSERT ON audit_logs, security_events, data_access_logs, audit_log_archives,
  login_attempts TO prontivus_app;

-- Row-level security on every table with a tenant_id. Unset setting → NULL → no row (fail closed).
-- Tables that also hold platform rows (tenant_id NULL) show those only in platform mode.
DO $$
DECLARE
  t text;
  platform_aware text[] := ARRAY['users', 'user_roles', 'login_attempts', 'security_events', 'audit_logs'];
  tenant_expr text := $e$(NULLIF(current_setting('app.tenant_id', true), ''))::uuid$e$;
  predicate text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND tb.table_type = 'BASE TABLE'
  LOOP
    IF t = ANY (platform_aware) THEN
      predicate := format('tenant_id = %s OR (tenant_id IS NULL AND current_setting(''app.platform'', true) = ''on'')', tenant_expr);
    ELSE
      predicate := format('tenant_id = %s', tenant_expr);
    END IF;
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (%s) WITH CHECK (%s)', t, predicate, predicate);
  END LOOP;
END $$;

-- ── Audit hash chain ──
-- The canonical form is a JSON array (unambiguous, unlike a separator) with the timestamp
-- rendered in UTC, so the hash does not depend on the session's TimeZone.
CREATE FUNCTION audit_row_hash(r audit_logs) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    r.prev_hash, r.seq, r.id, r.tenant_id, r.actor_id, r.action, r.entity_type, r.entity_id,
    r.ip, r.user_agent, r.request_id, r.risk_score,
    to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.metadata
  )::text, 'UTF8')), 'hex')
$$;

-- Numbers and links each new row. The advisory lock serialises writers of one tenant's chain
-- (other tenants are not blocked), so two concurrent inserts can never share a predecessor.
CREATE FUNCTION audit_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_chain:' || coalesce(NEW.tenant_id::text, 'platform'), 0));
  IF NEW.tenant_id IS NULL THEN
    SELECT seq, hash INTO last_seq, last_hash FROM audit_logs
      WHERE tenant_id IS NULL ORDER BY seq DESC LIMIT 1;
  ELSE
    SELECT seq, hash INTO last_seq, last_hash FROM audit_logs
      WHERE tenant_id = NEW.tenant_id ORDER BY seq DESC LIMIT 1;
  END IF;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.created_at := clock_timestamp();
  NEW.hash := audit_row_hash(NEW);
  RETURN NEW;
END $$;

CREATE TRIGGER audit_logs_chain BEFORE INSERT ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_chain();

-- ── Signed clinical documents are immutable ──
-- A signed chart entry never changes (CFM 1.821/2007); corrections are ADDENDUM rows.
CREATE FUNCTION forbid_signed_record_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'SIGNED' THEN
    RAISE EXCEPTION 'signed medical record % is immutable; write an addendum', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER medical_records_immutable BEFORE UPDATE ON medical_records
  FOR EACH ROW EXECUTE FUNCTION forbid_signed_record_change();

-- A signed prescription may only be cancelled (status, cancelled_at, cancel_reason).
CREATE FUNCTION forbid_signed_prescription_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'SIGNED' AND (
    NEW.status <> 'CANCELLED'
    OR (to_jsonb(NEW) - ARRAY['status', 'cancelled_at', 'cancel_reason', 'updated_at'])
       IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'cancelled_at', 'cancel_reason', 'updated_at'])
  ) THEN
    RAISE EXCEPTION 'signed prescription % is immutable; it can only be cancelled', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.status = 'CANCELLED' THEN
    RAISE EXCEPTION 'cancelled prescription % is immutable', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER prescriptions_immutable BEFORE UPDATE ON prescriptions
  FOR EACH ROW EXECUTE FUNCTION forbid_signed_prescription_change();

CREATE FUNCTION forbid_signed_prescription_item_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM prescriptions p WHERE p.id = coalesce(NEW.prescription_id, OLD.prescription_id) AND p.status <> 'DRAFT') THEN
    RAISE EXCEPTION 'items of a signed prescription are immutable'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN coalesce(NEW, OLD);
END $$;

CREATE TRIGGER prescription_items_immutable BEFORE INSERT OR UPDATE ON prescription_items
  FOR EACH ROW EXECUTE FUNCTION forbid_signed_prescription_item_change();

-- ── Scheduling invariants the database must hold even when code is wrong ──
ALTER TABLE appointments ADD CONSTRAINT appointments_time_order CHECK (ends_at > starts_at);
ALTER TABLE appointments ADD CONSTRAINT appointments_encaixe_reason
  CHECK (NOT is_encaixe OR length(trim(coalesce(encaixe_reason, ''))) > 0);
ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
  tenant_id WITH =, doctor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (status NOT IN ('CANCELLED', 'NO_SHOW') AND NOT is_encaixe);

ALTER TABLE financial_transactions ADD CONSTRAINT financial_transactions_amount_positive CHECK (amount_cents > 0);
ALTER TABLE tenants ADD CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$');
