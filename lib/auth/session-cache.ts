import { listenTo, type ChannelListener } from "@/lib/db/listen";
import { env } from "@/lib/env";
import { onModelWrite, type ModelWrite } from "@/lib/db/write-hooks";
import { forgetTenant } from "@/lib/tenancy/current";
import type { SessionUserRow } from "./session-rows";

// What a session check found, kept in this process so that the next request of the same session
// need not read its session and user rows again (docs/performance.md: the check was a whole
// transaction per request). Revocation must still take effect at once, so the memory is only
// trusted while the process hears the database announce every change that can end or narrow a
// session (prisma/migrations/20261203100000_session_change_notify_sql): a revoked or deleted
// session row, any change to the account (status, version, factors, identity), a role granted or
// taken away. Each arrives as a NOTIFY at commit and drops the entries it concerns; while the
// channel is deaf nothing is served from memory, and whatever was kept is dropped.
//
// Only "alive, nothing to write" is ever answered from memory; anything else (an expired or idle
// session, a last_seen_at due for its once-a-minute touch) goes to the database, which decides
// and records exactly as without the cache.

export const SESSION_CHANNEL = "prontivus_session";
const MAX_ENTRIES = 20_000;
/** Not needed for correctness (NOTIFY is); bounds how long an unused entry lingers. */
const MAX_AGE_MS = 10 * 60_000;

export type CachedSession = {
  tenantId: string;
  sessionId: string;
  kind: string;
  lastSeenAt: Date;
  expiresAt: Date;
  user: SessionUserRow;
  cachedAt: number;
};

/** Taken before a database read; the read's result may be kept only if nothing was announced since. */
export type Ticket = { generation: number };

type State = {
  entries: Map<string, CachedSession>;
  generation: number;
  listener: ChannelListener | null;
  hits: number;
  misses: number;
};

const holder = globalThis as unknown as { __prontivusSessionCache?: State };
function state(): State {
  if (!holder.__prontivusSessionCache) {
    const s: State = { entries: new Map(), generation: 0, listener: null, hits: 0, misses: 0 };
    onModelWrite(["UserSession", "User", "UserRole"], (write) => onOwnWrite(s, write));
    holder.__prontivusSessionCache = s;
  }
  return holder.__prontivusSessionCache;
}

function dropAll(s: State): void {
  s.generation += 1;
  s.entries.clear();
}

function onMessage(s: State, payload: string): void {
  const [kind, id] = [payload.slice(0, 2), payload.slice(2)];
  if (kind === "s:") forgetSession(s, id);
  else if (kind === "u:") forgetUser(s, id);
  // A clinic changed (status, settings): its tenant cache entry goes; sessions keep no tenant data.
  else if (kind === "t:") forgetTenant(id);
  else dropAll(s); // an announcement this version does not know: forget everything rather than guess
}

const idOf = (where: unknown): string | null => {
  const w = where as { id?: unknown; tenantId_id?: { id?: unknown } } | undefined;
  const id = w?.id ?? w?.tenantId_id?.id;
  return typeof id === "string" ? id : null;
};

const userIdsOf = (value: unknown): string[] | null => {
  const rows = Array.isArray(value) ? value : [value];
  const ids = rows.map((r) => (r as { userId?: unknown } | undefined)?.userId);
  return ids.every((id): id is string => typeof id === "string") ? ids : null;
};

/**
 * This process is about to write a row behind some entries: drop them before the write is sent
 * (the NOTIFY that follows the commit drops them again, and in every other process). What cannot
 * be narrowed to one session or one account drops everything.
 */
function onOwnWrite(s: State, { model, operation, args }: ModelWrite): void {
  const a = args as { where?: unknown; data?: Record<string, unknown> } | undefined;
  if (model === "UserSession") {
    if (operation.startsWith("create")) return; // a new row is in no one's memory
    // The once-a-minute touch moves last_seen_at forward and ends nothing.
    if (a?.data && Object.keys(a.data).every((k) => k === "lastSeenAt")) return;
    const id = idOf(a?.where);
    return id ? forgetSession(s, id) : dropAll(s);
  }
  if (model === "User") {
    if (operation.startsWith("create")) return;
    const id = idOf(a?.where);
    return id ? forgetUser(s, id) : dropAll(s);
  }
  // UserRole: by the account named in the filter or in the new rows.
  const ids = operation.startsWith("create") ? userIdsOf(a?.data) : userIdsOf(a?.where);
  if (!ids) return dropAll(s);
  for (const id of ids) forgetUser(s, id);
}

function forgetSession(s: State, sessionId: string): void {
  s.generation += 1;
  s.entries.delete(sessionId);
}

function forgetUser(s: State, userId: string): void {
  s.generation += 1;
  for (const [key, e] of s.entries) if (e.user.id === userId) s.entries.delete(key);
}

/** Whether memory may be trusted now; the first call starts listening (and answers false). */
function trusted(s: State): boolean {
  if (env().SESSION_CACHE === "off") return false;
  if (!s.listener || s.listener.closed()) s.listener = listenTo(SESSION_CHANNEL, { message: (p) => onMessage(s, p), lost: () => dropAll(s) });
  return s.listener.heard();
}

export const sessionCache = {
  ticket(): Ticket {
    return { generation: state().generation };
  },

  get(tenantId: string, sessionId: string, now = Date.now()): CachedSession | null {
    const s = state();
    const entry = trusted(s) ? s.entries.get(sessionId) : undefined;
    if (!entry || entry.tenantId !== tenantId || now - entry.cachedAt > MAX_AGE_MS) {
      s.misses += 1;
      return null;
    }
    s.hits += 1;
    return entry;
  },

  /** Keeps what a database check found alive, unless a change was announced while it read. */
  put(ticket: Ticket, entry: Omit<CachedSession, "cachedAt">): void {
    const s = state();
    if (!trusted(s) || ticket.generation !== s.generation) return;
    s.entries.delete(entry.sessionId);
    if (s.entries.size >= MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
    s.entries.set(entry.sessionId, { ...entry, cachedAt: Date.now() });
  },

  /** Whether memory is trusted now (the listener is heard); starts listening on first use. */
  listening(): boolean {
    return trusted(state());
  },

  /** For tests and the benchmark: how often memory answered. */
  stats(): { hits: number; misses: number; size: number } {
    const s = state();
    return { hits: s.hits, misses: s.misses, size: s.entries.size };
  },
};
