import { metaOf } from "@/lib/api/context";
import { handle, json, parseJsonBody } from "@/lib/api/http";
import { apiRefreshSchema, refreshTokens } from "@/lib/auth/api-tokens";

// POST /api/v1/auth/refresh {refreshToken} → a new pair; the token sent is spent.
export function POST(request: Request) {
  return handle(async () => {
    const input = await parseJsonBody(request, apiRefreshSchema);
    return json(await refreshTokens(input, metaOf(request)));
  });
}
