import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER, TENANT_HEADER } from "@/lib/tenancy/host";

export type RequestMeta = {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** Set only by proxy.ts (a client-sent value is dropped there). */
  tenantSlug: string | null;
};

type HeaderBag = { get(name: string): string | null };

/**
 * The client address: counted from the right of X-Forwarded-For, because each proxy of ours
 * appends the address it saw, while everything to the left is whatever the client sent.
 */
export function clientIp(xForwardedFor: string | null, trustedHops: number): string | null {
  const entries = (xForwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  return entries[Math.max(entries.length - trustedHops, 0)] ?? null;
}

export function requestMetaFrom(h: HeaderBag): RequestMeta {
  const forwarded = clientIp(h.get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS);
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
