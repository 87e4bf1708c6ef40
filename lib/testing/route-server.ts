import { randomUUID } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { classifyHost, REQUEST_ID_HEADER, TENANT_HEADER } from "@/lib/tenancy/host";

// Route handlers served over real HTTP for integration tests: a node:http server on a free
// port that does what proxy.ts does for an API path (tenant from Host only, a spoofed tenant
// header dropped, a fresh request id) and hands the handler a streaming Request, as Next does.
// Bodies, lengths and early answers then behave as they do on the wire.

// Method syntax on purpose: handlers declare their own params shape ({ id: string }), which the
// named groups of `pattern` supply.
export type Route = {
  method: string;
  pattern: RegExp;
  handler(request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> | Response;
};

export type RouteServer = { port: number; close: () => Promise<void> };

export async function startRouteServer(routes: Route[]): Promise<RouteServer> {
  const server: Server = createServer((req, res) => {
    void serve(routes, req).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    }, (error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function serve(routes: Route[], req: IncomingMessage): Promise<Response> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  headers.delete(TENANT_HEADER);
  headers.set(REQUEST_ID_HEADER, randomUUID());
  const target = classifyHost(req.headers.host ?? null, env().APP_HOST);
  if (target.kind === "tenant") headers.set(TENANT_HEADER, target.slug);
  for (const route of routes) {
    const match = route.method === req.method ? route.pattern.exec(url.pathname) : null;
    if (!match) continue;
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, {
      method: req.method, headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
    } as RequestInit);
    return route.handler(request, { params: Promise.resolve(match.groups ?? {}) });
  }
  return new Response("no route", { status: 404 });
}

export type HttpAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/**
 * One request through a real socket with the Host header of a clinic (fetch cannot set Host).
 * `body` may be a Buffer (sent with its Content-Length) or chunks sent with chunked encoding.
 * A fresh connection each time: a refused upload leaves its socket mid-body, unfit for reuse.
 */
export function httpCall(
  port: number,
  options: { host: string; method?: string; path: string; headers?: Record<string, string>; body?: Buffer | Buffer[] },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const { body } = options;
    const req = httpRequest({
      agent: false, host: "127.0.0.1", port, method: options.method ?? (body ? "POST" : "GET"), path: options.path,
      headers: { host: options.host, ...(Buffer.isBuffer(body) ? { "content-length": String(body.length) } : {}), ...options.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    // The server may answer (413-like refusals) before taking the whole body: that is not an error here.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
    req.end(Buffer.isBuffer(body) ? body : undefined);
  });
}
