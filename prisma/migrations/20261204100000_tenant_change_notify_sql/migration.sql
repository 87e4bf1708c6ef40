-- Each app process keeps the tenants it has resolved by host in memory for 30 s
-- (lib/tenancy/current.ts). A clinic suspended, archived or given new settings should not wait
-- for that: the change is announced at commit on the channel the session cache already listens
-- on (migration 20261203100000_session_change_notify_sql), as t:<slug>, and every process drops
-- that entry. The TTL stays as the fallback for a process that was not listening.

CREATE FUNCTION notify_tenant_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('prontivus_session', 't:' || OLD.slug);
  IF TG_OP = 'UPDATE' AND NEW.slug IS DISTINCT FROM OLD.slug THEN
    PERFORM pg_notify('prontivus_session', 't:' || NEW.slug);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tenants_notify_change AFTER UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION notify_tenant_change();
