import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";
import { validationMessage } from "@/lib/validation/messages";

// The HTTP edge of the REST API, shared by every route handler under app/api/v1: read the body,
// run the domain call, and turn whatever it throws into the one error shape of
// docs/architecture.md. Handlers stay thin: parse → domain → respond.

/** API answers carry tokens and health data: never stored by a browser or a proxy. */
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

// Requests bodies here are a few hundred bytes; refuse big ones before reading them.
const MAX_BODY_BYTES = 64 * 1024;
/**
 * No request of this API nests deeper than a handful of levels. A 64 KiB body could otherwise
 * nest ~32,000 levels, and any recursive walk of it (canonical JSON, zod, Prisma) would
 * overflow the stack: refused up front as a 400.
 */
export const MAX_JSON_DEPTH = 32;

export const tooDeep = () =>
  new AppError("validation", validationMessage("tooDeep", { max: MAX_JSON_DEPTH }), { _: [validationMessage("tooDeep", { max: MAX_JSON_DEPTH })] });

/** Whether parsed JSON nests arrays/objects deeper than `max`; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(node as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(data, { status, headers: { ...NO_STORE, ...headers } });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { ...NO_STORE, ...headers } });
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) (fields[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return fields;
}

/** Any thrown value as a response: AppError and ZodError by their meaning, the rest as 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return json(error.toJSON(), error.status);
  if (error instanceof z.ZodError) {
    return json(new AppError("validation", "Revise os campos destacados.", fieldErrorsOf(error)).toJSON(), 400);
  }
  // Not the client's fault: log it with its stack, tell the client nothing about it.
  console.error("[api] unexpected error", error);
  return json({ error: { code: "internal", message: "Erro inesperado. Tente novamente." } }, 500);
}

/** Runs a handler body and maps whatever it throws: the one place errors become HTTP. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return errorResponse(error);
  }
}

/** The request's body as parsed JSON (not yet validated); 400 on a big body or bad JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new AppError("validation", "Corpo da requisição grande demais.");
  let text: string;
  try {
    text = await request.text();
  } catch {
    // The client went away mid-body (ECONNRESET): its fault, not a server error worth logging.
    throw new AppError("validation", "Corpo da requisição incompleto.");
  }
  if (text.length > MAX_BODY_BYTES) throw new AppError("validation", "Corpo da requisição grande demais.");
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AppError("validation", "O corpo da requisição não é um JSON válido.");
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) throw tooDeep();
  return value;
}

/** The request's JSON body validated by `schema`; 400 (with fields) on bad JSON or shape. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const value = await readJsonBody(request);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("validation", "Revise os campos destacados.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/**
 * CSRF defence for cookie-authenticated POSTs (a browser attaches cookies to cross-site
 * requests; it does not attach an Authorization header, so bearer endpoints do not need this).
 * The Origin a browser sends must be the host the request was made to; with no Origin, a
 * Sec-Fetch-Site other than same-origin/none is refused too.
 */
export function assertSameOrigin(request: Request): void {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // "null" (sandboxed or privacy-redirected) or garbage: not our origin.
    }
    if (originHost?.toLowerCase() !== host.toLowerCase()) throw crossSite();
    return;
  }
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite();
}

const crossSite = () => new AppError("forbidden", "Origem da requisição não permitida.");
