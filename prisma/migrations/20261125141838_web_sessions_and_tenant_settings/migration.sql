-- AlterTable
ALTER TABLE "user_sessions" ADD COLUMN     "revoke_reason" VARCHAR(24);

-- Clinic admins edit their own clinic's settings (lib/tenancy/settings-admin.ts). tenants stays
-- platform data: the app role may change only the settings column (and the updated_at Prisma
-- writes with it), and only on the row of the tenant its transaction is scoped to. Everyone
-- keeps reading every row (host lookup happens before any scope exists).
GRANT UPDATE (settings, updated_at) ON tenants TO prontivus_app;
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenants_read ON tenants FOR SELECT TO prontivus_app USING (true);
CREATE POLICY tenants_update_own_settings ON tenants FOR UPDATE TO prontivus_app
  USING (id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
  WITH CHECK (id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid);
