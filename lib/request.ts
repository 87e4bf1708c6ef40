import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { REQUEST_ID_HEADER, TENANT_HEADER } from "@/lib/tenancy/host";

export type RequestMeta = {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** Set only by proxy.ts (a client-sent value is dropped there). */
  tenantSlug: string | null;
};

type HeaderBag = { get(name: string): string | null };

export function requestMetaFrom(h: HeaderBag): RequestMeta {
  // The left-most X-Forwarded-For entry is the client as seen by our own load balancer.
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    requestId: h.get(REQUEST_ID_HEADER) ?? randomUUID(),
    ip: (forwarded || h.get("x-real-ip")) ?? null,
    userAgent: h.get("user-agent"),
    tenantSlug: h.get(TENANT_HEADER),
  };
}

export async function requestMeta(): Promise<RequestMeta> {
  return requestMetaFrom(await headers());
}
