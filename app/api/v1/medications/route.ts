import { apiAuth } from "@/lib/api/context";
import { handle, json } from "@/lib/api/http";
import { searchMedicationsInput } from "@/lib/prescriptions/catalogue/search";

// GET /api/v1/medications?q=&limit= (Bearer; prescriptions:write or settings:manage) → { data:
// [MedicationHit] }, best match first: the catalogue (generic presentations and registered
// products) and this clinic's own active items. q: brand or ingredient ("amox", "Amoxil",
// "acido acetil"), accents and case ignored, 1–80 characters; limit 1–50 (20).

export function GET(request: Request) {
  return handle(async () => {
    const { ctx } = await apiAuth(request);
    const params = new URL(request.url).searchParams;
    return json(await searchMedicationsInput(ctx, { q: params.get("q") ?? undefined, limit: params.get("limit") ?? undefined }));
  });
}
