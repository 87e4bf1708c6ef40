-- (tenant_id, email) is unique per clinic, but PostgreSQL treats NULL tenant ids as distinct:
-- platform users (tenant_id NULL) need their own rule, and so do their role grants.
CREATE UNIQUE INDEX users_platform_email_key ON users (email) WHERE tenant_id IS NULL;
CREATE UNIQUE INDEX user_roles_platform_user_role_key ON user_roles (user_id, role) WHERE tenant_id IS NULL;
