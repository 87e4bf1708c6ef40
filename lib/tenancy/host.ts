// Pure host parsing shared by proxy.ts and tests. A tenant host is exactly one DNS label in
// front of APP_HOST ("demo.prontivus.com.br"); APP_HOST itself is the platform.

export const TENANT_HEADER = "x-prontivus-tenant";
export const REQUEST_ID_HEADER = "x-request-id";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type HostKind = { kind: "platform" } | { kind: "tenant"; slug: string } | { kind: "unknown" };

export function classifyHost(host: string | null, appHost: string): HostKind {
  if (!host) return { kind: "unknown" };
  const h = host.toLowerCase();
  const root = appHost.toLowerCase();
  if (h === root) return { kind: "platform" };
  if (!h.endsWith(`.${root}`)) return { kind: "unknown" };
  const label = h.slice(0, -(root.length + 1));
  return SLUG.test(label) ? { kind: "tenant", slug: label } : { kind: "unknown" };
}

export function isValidSlug(slug: string): boolean {
  return SLUG.test(slug);
}
