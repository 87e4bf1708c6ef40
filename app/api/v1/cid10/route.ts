import { apiAuth } from "@/lib/api/context";
import { handle, json } from "@/lib/api/http";
import { searchCid10 } from "@/lib/ehr/cid10/search";

// GET /api/v1/cid10?q=&limit= (Bearer; records:read or records:write) → { data: [{ code,
// description, isCategory, sexRestriction }] }, best match first. q: a code ("I10", "e11.9",
// "E119") or words ("hiperten", accents and case ignored), 1–80 characters; limit 1–50 (20).

export function GET(request: Request) {
  return handle(async () => {
    const { ctx } = await apiAuth(request);
    const params = new URL(request.url).searchParams;
    return json(await searchCid10(ctx, { q: params.get("q") ?? undefined, limit: params.get("limit") ?? undefined }));
  });
}
