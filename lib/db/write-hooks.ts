import { Prisma } from "@/lib/generated/prisma/client";

// Lets an in-process cache hear, synchronously, that this process is about to write a model it
// keeps copies of. The database's NOTIFY (lib/db/listen.ts) tells every process about every
// change, but only after commit and a round trip on another connection; a request that follows
// its own process's sign-out must not meet the old answer in that gap. The hook runs before the
// write is sent, so an entry dropped here cannot be re-read from the uncommitted row by the same
// transaction's caller (caches refuse results read across a drop: session-cache.ts tickets).
//
// lib/db knows nothing of what is cached: caches register here (imports stay one-way).

export type ModelWrite = { model: string; operation: string; args: unknown };
type Hook = (write: ModelWrite) => void;

const WRITES = new Set([
  "create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn",
  "upsert", "delete", "deleteMany",
]);

const holder = globalThis as unknown as { __prontivusWriteHooks?: Map<string, Set<Hook>> };
const hooks = (): Map<string, Set<Hook>> => (holder.__prontivusWriteHooks ??= new Map());

/** Calls `hook` before every Prisma write to one of `models`, for the life of the process. */
export function onModelWrite(models: readonly string[], hook: Hook): void {
  for (const model of models) {
    const set = hooks().get(model) ?? new Set<Hook>();
    set.add(hook);
    hooks().set(model, set);
  }
}

export const writeHooks = Prisma.defineExtension({
  name: "model-write-hooks",
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        if (WRITES.has(operation)) for (const hook of hooks().get(model) ?? []) hook({ model, operation, args });
        return query(args);
      },
    },
  },
});
