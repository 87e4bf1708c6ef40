import type { Permission } from "@/lib/auth/permissions";
import { contextFor } from "@/lib/auth/guards";
import type { Context } from "@/lib/context";
import { apiContextFor } from "./context";
import { assertSameOrigin } from "./http";

// For route handlers that serve both API clients (Authorization: Bearer) and the staff's own
// browser (the session cookie: the chart page uploads and downloads through them). A request
// with an Authorization header is judged by it alone; without one the cookie decides, and a
// state-changing method must also come from our own origin (a browser attaches cookies to
// cross-site requests; it never attaches an Authorization header on its own).

export async function requestContextFor(request: Request, permission: Permission): Promise<Context> {
  if (request.headers.has("authorization")) return apiContextFor(request, permission);
  if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
  return contextFor(permission);
}
