import { parseArgs } from "node:util";
import { startJobRuntime } from "@/lib/jobs/boss";
import { dispatchDue } from "@/lib/jobs/dispatcher";

// `npm run jobs:dispatch -- [--at <ISO instant>]`: one dispatcher step, as the every-minute
// schedule runs it, for the given instant (default now). It only enqueues: a running worker
// sends. Operators use it to catch up after downtime; the e2e suite uses it to move the clock
// to a reminder's time instead of waiting for it. Prints the summary as JSON.

async function main() {
  const { values } = parseArgs({ options: { at: { type: "string" } } });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) {
    console.error("usage: npm run jobs:dispatch -- [--at 2026-11-26T09:00:00Z]");
    process.exit(2);
  }
  const runtime = await startJobRuntime();
  try {
    console.log(JSON.stringify(await dispatchDue(runtime, at)));
  } finally {
    await runtime.stop({ graceful: false });
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
