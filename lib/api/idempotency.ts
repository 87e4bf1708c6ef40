import { createHash } from "node:crypto";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { canonicalJson, CanonicalJsonError } from "@/lib/format/canonical-json";
import { Prisma } from "@/lib/generated/prisma/client";
import { errorResponse, json, noContent, tooDeep } from "./http";

// Idempotency-Key for POSTs that create something (booking, patients, later payments): a client
// that lost the answer to a request may send it again with the same key and gets the first
// answer back instead of a second effect.
//
// Why a claim row and not "answer stored in the effect's transaction": the domain functions own
// their transaction (withTenant inside createPatient, bookAppointment…), and a route handler must
// not open a second door into them. So the key is claimed first, in a short transaction of its
// own, as "in progress" (response_status NULL); the domain call runs; the answer is stored. A
// concurrent duplicate blocks on the unique index until the claim commits, then sees it in
// progress and gets 409 at once (no held connection, no waiting client). The only gap is a
// process that dies between the effect's commit and the store: its claim is treated as abandoned
// after ABANDONED_MS, and a retry then runs again — where the database constraints (no overlapping
// appointments, unique CPF) still refuse a real duplicate.

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotency-replayed";

const TTL_MS = 24 * 60 * 60 * 1000;
/** Longer than withTenant's 15 s transaction timeout: by then the first attempt is surely over. */
const ABANDONED_MS = 5 * 60 * 1000;
/** Visible ASCII, as in the IETF draft "The Idempotency-Key HTTP Header Field". */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
// Expired keys are swept by the requests themselves, a bounded batch about once every SWEEP_EVERY
// claims, so no job is needed and no request pays for more than SWEEP_BATCH rows.
const SWEEP_EVERY = 50;
const SWEEP_BATCH = 500;

/**
 * What "the same request" means: method, path (with query) and canonical body. readJsonBody
 * already refuses bodies nested past MAX_JSON_DEPTH; a deeper value from any other caller is a
 * 400 too, never a stack overflow.
 */
export function requestHash(method: string, url: string, body: unknown): string {
  const { pathname, search } = new URL(url);
  let canonical: string;
  try {
    canonical = canonicalJson(body);
  } catch (e) {
    if (e instanceof CanonicalJsonError) throw tooDeep();
    throw e;
  }
  return createHash("sha256").update(`${method.toUpperCase()}\n${pathname}${search}\n${canonical}`).digest("hex");
}

/** The request's Idempotency-Key, or null when absent; 400 when present but malformed. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_FORMAT.test(key)) {
    throw new AppError("validation", "Idempotency-Key inválida.", {
      "Idempotency-Key": ["Use de 1 a 255 caracteres visíveis (ASCII, sem espaços)."],
    });
  }
  return key;
}

type Scope = Pick<Context, "tenantId" | "requestId"> & { user: { id: string } | null };
type Stored = { requestHash: string; responseStatus: number | null; responseBody: unknown };
type Claim = { kind: "new" } | { kind: "stored"; row: Stored };

let claims = 0;

async function claim(ctx: Scope, userId: string, key: string, hash: string, now: Date): Promise<Claim> {
  return withTenant(ctx, async (tx) => {
    if (++claims % SWEEP_EVERY === 0) {
      await tx.$executeRaw`DELETE FROM idempotency_keys WHERE ctid IN (
        SELECT ctid FROM idempotency_keys WHERE tenant_id = ${ctx.tenantId}::uuid AND expires_at <= ${now}
         LIMIT ${SWEEP_BATCH})`;
    }
    // An expired key, or a claim whose request died, gives way to this request.
    await tx.idempotencyKey.deleteMany({
      where: {
        userId, key,
        OR: [{ expiresAt: { lte: now } }, { responseStatus: null, createdAt: { lte: new Date(now.getTime() - ABANDONED_MS) } }],
      },
    });
    const { count } = await tx.idempotencyKey.createMany({
      data: [{ userId, key, requestHash: hash, createdAt: now, expiresAt: new Date(now.getTime() + TTL_MS) }],
      skipDuplicates: true,
    });
    if (count === 1) return { kind: "new" };
    const row = await tx.idempotencyKey.findFirst({
      where: { userId, key },
      select: { requestHash: true, responseStatus: true, responseBody: true },
    });
    // Deleted between our insert attempt and this read (a sweep): nothing to replay, so refuse.
    if (!row) throw inProgress();
    return { kind: "stored", row };
  });
}

const inProgress = () => new AppError("conflict", "Uma requisição com esta Idempotency-Key ainda está em andamento. Tente novamente em instantes.");

function replay(row: Stored): Response {
  const status = row.responseStatus;
  if (status === null) throw inProgress();
  const headers = { [REPLAYED_HEADER]: "true" };
  return status === 204 ? noContent(headers) : json(row.responseBody, status, headers);
}

/**
 * Runs `effect` at most once per (tenant, user, Idempotency-Key) within 24 h. Without the header
 * the effect simply runs. Same key and same request → the stored answer, marked
 * `Idempotency-Replayed: true`; same key and another request → 422; same key while the first is
 * still running → 409. Answers of 5xx are not kept (the request may be retried with its key).
 */
/**
 * Handed to an effect that can keep its own answer inside its transaction (`keep(tx, response)`),
 * so that the effect, its answer and the key's stored answer commit together, with no
 * transaction of their own afterwards. An effect that never calls it is answered as before.
 */
export type KeepAnswer = (tx: Tx, response: Response) => Promise<void>;
type Effect = (keep: KeepAnswer) => Promise<Response>;

export async function idempotent(
  request: Request, ctx: Context, body: unknown, effect: Effect, now: Date = new Date(),
): Promise<Response> {
  if (!ctx.user && idempotencyKeyOf(request) !== null) throw new Error("idempotent() needs an authenticated user");
  return idempotentAs(request, ctx, ctx.user?.id ?? "", body, effect, now);
}

/**
 * The same, for a caller that is not a user: `userId` names who owns the keys (a pharmacy
 * credential's id for dispensing), so two callers never share a key space.
 */
export async function idempotentAs(
  request: Request, ctx: Scope, userId: string, body: unknown, effect: Effect, now: Date = new Date(),
): Promise<Response> {
  const key = idempotencyKeyOf(request);
  if (key === null) return effect(async () => {});
  if (!userId) throw new Error("idempotentAs() needs a subject");
  const hash = requestHash(request.method, request.url, body);
  const claimed = await claim(ctx, userId, key, hash, now);
  if (claimed.kind === "stored") {
    if (claimed.row.requestHash !== hash) {
      throw new AppError("unprocessable", "Esta Idempotency-Key já foi usada com outra requisição. Use uma chave nova.");
    }
    return replay(claimed.row);
  }

  const where = { userId, key, requestHash: hash };
  const store = async (tx: Tx, response: Response) => {
    const stored = response.status === 204 ? Prisma.JsonNull : ((await response.clone().json()) as Prisma.InputJsonValue);
    await tx.idempotencyKey.updateMany({ where, data: { responseStatus: response.status, responseBody: stored } });
  };
  let response: Response;
  // Set only when the effect's transaction committed with the answer in it (a throw rolls it back).
  let kept = false;
  try {
    response = await effect(async (tx, answer) => {
      if (answer.status >= 500) return;
      await store(tx, answer);
      kept = true;
    });
  } catch (error) {
    kept = false;
    response = errorResponse(error);
  }
  if (kept) return response;
  try {
    if (response.status >= 500) {
      await withTenant(ctx, (tx) => tx.idempotencyKey.deleteMany({ where: { ...where, responseStatus: null } }));
    } else {
      await withTenant(ctx, (tx) => store(tx, response));
    }
  } catch (error) {
    // The effect has happened: its answer still goes back. The claim stays "in progress" until it
    // counts as abandoned, and a retry meanwhile gets 409 instead of a second effect.
    console.error("[api] could not store the idempotent answer", error);
  }
  return response;
}
