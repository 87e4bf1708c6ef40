import { startJobRuntime } from "@/lib/jobs/boss";
import { registerWorkers } from "@/lib/jobs/worker";

// `npm run worker`: the background worker (reminders, waitlist offers) on pg-boss. Run one or
// many: pg-boss hands each job to one worker, and the every-minute dispatcher is a singleton
// queue, so extra workers add throughput, not duplicate messages. Needs DATABASE_URL (pg-boss's
// schema owner) and the app connection (withTenant) like the web server. SIGTERM/SIGINT: stop
// fetching, let running jobs finish (up to 20 s), close connections, exit 0.

async function main() {
  const runtime = await startJobRuntime({ schedule: true, supervise: true });
  await registerWorkers(runtime);
  console.log("[worker] started: reminders and waitlist offers (pg-boss, schema pgboss)");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing running jobs`);
    try {
      await runtime.stop({ graceful: true, timeoutMs: 20_000 });
      const { disconnectDb } = await import("@/lib/db/client");
      await disconnectDb();
      const { closeMailTransport } = await import("@/lib/mail/send");
      closeMailTransport();
    } finally {
      process.exit(0);
    }
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void stop(signal));
}

main().catch((error: unknown) => {
  console.error("[worker] failed to start:", error);
  process.exit(1);
});
