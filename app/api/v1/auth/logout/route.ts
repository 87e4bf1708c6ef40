import { apiAuth, logoutApiSession } from "@/lib/api/context";
import { handle, noContent } from "@/lib/api/http";

// POST /api/v1/auth/logout (Bearer) → 204; the session and its refresh tokens stop working.
export function POST(request: Request) {
  return handle(async () => {
    await logoutApiSession(await apiAuth(request));
    return noContent();
  });
}
