import { request } from "node:http";
import { E2E_PORT } from "./state";

// A plain HTTP GET with exactly the Host and Cookie headers given, to any address the server
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
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host, ...(cookie ? { cookie } : {}) };
    const req = request({ host: address, port, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
