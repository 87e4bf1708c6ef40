-- The clinic's signing authority and the doctors' signing certificates (lib/ehr/signing).
-- Tenant data under the same row-level security as every other tenant table. The app may read
-- and create rows, and change only the lifecycle columns: a certificate or key, once issued, is
-- never rewritten (a new generation is a new row), and nothing is deleted, since old
-- certificates are what old signatures verify against.
ALTER TABLE signing_authorities ENABLE ROW LEVEL SECURITY;
ALTER TABLE signing_authorities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON signing_authorities
  USING (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
  WITH CHECK (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid);

ALTER TABLE signing_certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE signing_certificates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON signing_certificates
  USING (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
  WITH CHECK (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid);

GRANT SELECT, INSERT ON signing_authorities, signing_certificates TO prontivus_app;
GRANT UPDATE (retired_at) ON signing_authorities TO prontivus_app;
GRANT UPDATE (revoked_at, revoke_reason) ON signing_certificates TO prontivus_app;
