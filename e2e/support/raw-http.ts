import { request as httpRequest } from "node:http";
import { E2E_PORT } from "./state";

// One HTTP/1.1 request to the e2e server's loopback address with any Host header: the clinic
// comes from the host, and `*.localhost` does not resolve in Node here (the browser maps it).

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

export function rawRequest(opts: {
  host: string; method: string; path: string; headers?: Record<string, string>; body?: string | Buffer;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port: E2E_PORT, method: opts.method, path: opts.path, headers: { host: opts.host, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${opts.method} ${opts.path}`)));
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** FormData with string entries as a multipart/form-data body (what a browser sends for it). */
export function multipart(form: FormData): { body: Buffer; contentType: string } {
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of form.entries()) {
    const text = typeof value === "string" ? value : "";
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n${text}\r\n`, "utf8"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A cookie header from a Playwright storage state, for one host. */
export function cookieHeader(cookies: { name: string; value: string; domain: string }[], host: string): string {
  const hostname = host.split(":")[0]!;
  return cookies.filter((c) => c.domain.replace(/^\./, "") === hostname).map((c) => `${c.name}=${c.value}`).join("; ");
}
