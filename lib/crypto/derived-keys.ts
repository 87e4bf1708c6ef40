import { hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

// Keys for the stateless signed values the app hands out (API access tokens, list cursors,
// patients' confirm/cancel links), each derived from NEXTAUTH_SECRET with HKDF under its own
// label, so a value signed for one purpose can never pass for another. Cached per label; a
// changed secret (tests set their own) derives afresh.

const cache = new Map<string, { secret: string; key: Buffer }>();

export function derivedKey(label: string): Buffer {
  const secret = env().NEXTAUTH_SECRET;
  const hit = cache.get(label);
  if (hit?.secret === secret) return hit.key;
  const key = Buffer.from(hkdfSync("sha256", secret, "", label, 32));
  cache.set(label, { secret, key });
  return key;
}
