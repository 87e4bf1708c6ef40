import { randomUUID } from "node:crypto";
import pg from "pg";
import { listenDatabaseUrl } from "@/lib/env";

// One dedicated connection that LISTENs on a channel, for in-process caches that must forget an
// entry as soon as the database says it changed. A pooled connection cannot listen (the pool
// lends it out per transaction, and PgBouncer in transaction mode drops LISTEN), so this is one
// direct connection per process and channel.
//
// A cache may trust its entries only while `heard()` is true: the connection is up and its own
// heartbeat, a NOTIFY it sends itself every second, came back within the last two seconds. The
// heartbeat goes to a channel of this listener's own, which the same connection also listens
// on: it proves the connection delivers notifications, without every app server receiving
// every other server's heartbeat. A dropped connection is noticed at once ('end'); a silent one
// (a half-open socket) within two seconds. Whenever the channel goes deaf `lost()` runs, so the
// cache can drop everything it may have missed news about.

const HEARTBEAT_MS = 1_000;
const DEAF_AFTER_MS = 2_000;
const RETRY_MS = [100, 250, 500, 1_000, 2_000, 5_000];

export type ChannelEvents = { message(payload: string): void; lost(): void };
export type ChannelListener = { heard(): boolean; closed(): boolean; close(): Promise<void> };

// Open listeners, so that disconnectDb can end them with the pool: a connected client would
// otherwise keep a script's process alive after its work is done.
const holder = globalThis as unknown as { __prontivusListeners?: Set<ChannelListener> };
const open = (): Set<ChannelListener> => (holder.__prontivusListeners ??= new Set());

export async function closeListeners(): Promise<void> {
  await Promise.all([...open()].map((l) => l.close()));
}

export function listenTo(channel: string, events: ChannelEvents, connectionString = listenDatabaseUrl()): ChannelListener {
  const heartbeatChannel = `${channel}_hb_${randomUUID().replace(/-/g, "")}`;
  let client: pg.Client | null = null;
  let lastHeartbeat = 0;
  let wasHeard = false;
  let attempt = 0;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const heard = () => client !== null && Date.now() - lastHeartbeat < DEAF_AFTER_MS;
  const checkDeaf = () => {
    if (wasHeard && !heard()) {
      wasHeard = false;
      events.lost();
    }
  };

  const reconnectLater = () => {
    if (closed || retry) return;
    retry = setTimeout(() => { retry = undefined; void connect(); }, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
    retry.unref();
  };

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString, keepAlive: true, application_name: "prontivus-listener" });
    c.on("notification", (n) => {
      if (n.channel === heartbeatChannel) {
        lastHeartbeat = Date.now();
        wasHeard = true;
      } else if (n.channel === channel) {
        events.message(n.payload ?? "");
      }
    });
    // 'end' follows every error; the listener is rebuilt there.
    c.on("error", () => {});
    c.on("end", () => {
      if (client !== c) return;
      client = null;
      checkDeaf();
      reconnectLater();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${c.escapeIdentifier(channel)}; LISTEN ${c.escapeIdentifier(heartbeatChannel)}`);
      if (closed) return void (await c.end());
      client = c;
      attempt = 0;
      await c.query("SELECT pg_notify($1, '')", [heartbeatChannel]);
    } catch {
      if (client === c) client = null;
      void c.end().catch(() => {});
      checkDeaf();
      reconnectLater();
    }
  }

  const ticker = setInterval(() => {
    checkDeaf();
    client?.query("SELECT pg_notify($1, '')", [heartbeatChannel]).catch(() => {});
  }, HEARTBEAT_MS);
  ticker.unref();
  void connect();

  const listener: ChannelListener = {
    heard,
    closed: () => closed,
    async close() {
      open().delete(listener);
      closed = true;
      clearInterval(ticker);
      clearTimeout(retry);
      const c = client;
      client = null;
      checkDeaf();
      await c?.end().catch(() => {});
    },
  };
  open().add(listener);
  return listener;
}
