-- Each app process keeps the session rows it has checked in memory (lib/auth/session-cache.ts)
-- and must drop one as soon as it may have stopped being true. These triggers announce, at
-- commit, every change that can end or narrow a session: the row itself revoked or shortened,
-- the account's status, version, factors or identity, and its roles. The payload is an id
-- (s:<session> or u:<user>), never personal data. NOTIFY is delivered only on commit, so a
-- listener never drops an entry for a change that rolls back, and never misses one that lands.

CREATE FUNCTION notify_session_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'user_sessions' THEN
    PERFORM pg_notify('prontivus_session', 's:' || OLD.id::text);
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('prontivus_session', 'u:' || OLD.id::text);
  ELSE
    -- user_roles: a role granted or taken away (an update may move it between accounts)
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('prontivus_session', 'u:' || OLD.user_id::text); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('prontivus_session', 'u:' || NEW.user_id::text); END IF;
  END IF;
  RETURN NULL;
END
$$;

-- last_seen_at moves forward once a minute per session and ends nothing: not announced. Moved
-- back (an operator or a test ageing a session) it can make the session idle, so that is.
CREATE TRIGGER user_sessions_notify_change AFTER UPDATE ON user_sessions
  FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.kind IS DISTINCT FROM NEW.kind
        OR NEW.last_seen_at < OLD.last_seen_at)
  EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER user_sessions_notify_delete AFTER DELETE ON user_sessions
  FOR EACH ROW EXECUTE FUNCTION notify_session_change();

CREATE TRIGGER users_notify_change AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_session_change();

-- Row-level: a statement-level trigger would not know which accounts it touched.
CREATE TRIGGER user_roles_notify_change AFTER INSERT OR UPDATE OR DELETE ON user_roles
  FOR EACH ROW EXECUTE FUNCTION notify_session_change();
