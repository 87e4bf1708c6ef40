// @peculiar/x509 registers its classes with tsyringe, which refuses to load unless a Reflect
// metadata API exists (normally the `reflect-metadata` package, which this project does not
// ship; installing packages is not possible here). tsyringe only calls getMetadata,
// getOwnMetadata and defineMetadata, and x509 registers classes without decorator metadata, so
// this minimal WeakMap-backed stand-in is enough. It installs nothing when a real polyfill is
// already loaded. Import it before "@peculiar/x509" (lib/ehr/signing/x509.ts does).

type Key = unknown;
type Target = object;
type ReflectWithMetadata = typeof Reflect & {
  getMetadata?: (key: Key, target: Target) => unknown;
  getOwnMetadata?: (key: Key, target: Target) => unknown;
  defineMetadata?: (key: Key, value: unknown, target: Target) => void;
};

const reflect = Reflect as ReflectWithMetadata;

if (typeof reflect.getMetadata !== "function") {
  const store = new WeakMap<Target, Map<Key, unknown>>();
  const own = (key: Key, target: Target) => store.get(target)?.get(key);
  reflect.defineMetadata = (key, value, target) => {
    const map = store.get(target) ?? new Map<Key, unknown>();
    map.set(key, value);
    store.set(target, map);
  };
  reflect.getOwnMetadata = own;
  // Like reflect-metadata: look up the prototype chain.
  reflect.getMetadata = (key, target) => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t) as Target | null) {
      const value = own(key, t);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

export {};
