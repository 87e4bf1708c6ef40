import { argon2id, hash as argonHash, needsRehash, verify } from "argon2";
import { randomBytes } from "node:crypto";

/**
 * Password hashing with argon2id at the OWASP Password Storage Cheat Sheet minimum
 * (m = 19 MiB, t = 2, p = 1): memory-hard, so GPU guessing of a leaked table is expensive,
 * while one sign-in costs a few milliseconds of CPU (see the timing test).
 */
export const PASSWORD_HASH_OPTIONS = {
  type: argon2id,
  memoryCost: 19456, // KiB
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Upper bound on input size. argon2 pre-hashes the password, but megabytes of input still cost
 * CPU on every attempt; a passphrase never needs more. Minimum length is policy, not here.
 */
export const MAX_PASSWORD_LENGTH = 1024;

export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
    throw new RangeError(`password must be 1 to ${MAX_PASSWORD_LENGTH} characters`);
  }
  return argonHash(password, PASSWORD_HASH_OPTIONS);
}

/**
 * True only when `password` matches `hash`. Never throws: a malformed or foreign hash (a
 * legacy row, a disabled account marker) is simply not a match, so sign-in cannot 500.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (typeof hash !== "string" || !hash.startsWith("$argon2")) return false;
  if (typeof password !== "string" || password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(hash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash predates the current parameters: rehash it after a good sign-in. */
export function passwordNeedsRehash(hash: string): boolean {
  try {
    return !hash.startsWith("$argon2id$") || needsRehash(hash, PASSWORD_HASH_OPTIONS);
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password with the current parameters, computed on first use (not at
 * import, so modules that never sign anyone in pay nothing). Verify against it when the user
 * does not exist, so "unknown e-mail" takes as long as "wrong password" and the response time
 * does not reveal which accounts exist.
 */
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url")).catch((error: unknown) => {
    dummyHash = undefined; // do not cache a failure
    throw error;
  });
  return dummyHash;
}

/**
 * Sign-in helper: verifies against the user's hash, or against the dummy hash when there is
 * no user (always returning false then), keeping both paths about equally slow.
 */
export async function verifyPasswordOrDummy(
  hash: string | null | undefined,
  password: string,
): Promise<boolean> {
  // A stored value that is not an argon2 hash (e.g. a "no password" marker) takes the dummy
  // path too, so it is as slow as a real check and does not stand out.
  if (hash?.startsWith("$argon2")) return verifyPassword(hash, password);
  await verifyPassword(await getDummyHash(), password);
  return false;
}
