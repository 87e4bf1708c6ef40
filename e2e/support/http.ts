import { request } from "node:http";
import { E2E_PORT } from "./state";

// Plain HTTP with exactly the Host and Cookie (or other) headers given, to any address the server
// listens on: what a script replaying a stolen or stale cookie sends, no browser involved.

export interface RawResponse {
  status: number;
  body: string;
}

export interface RawGet {
  host: string;
  path: string;
  cookie?: string;
  /** Where to connect; default 127.0.0.1 on the e2e server's port. */
  address?: string;
  port?: number;
}

export function rawGet({ host, path, cookie, address = "127.0.0.1", port = E2E_PORT }: RawGet): Promise<RawResponse> {
  return rawRequest({ host, path, address, port, headers: cookie ? { cookie } : {} });
}

export interface RawRequest extends Omit<RawGet, "cookie"> {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Any method, with exactly the headers given (plus Host): an API client such as a script or an app. */
export function rawRequest({ host, path, method = "GET", headers = {}, body, address = "127.0.0.1", port = E2E_PORT }: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, path, method, headers: { host, ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
