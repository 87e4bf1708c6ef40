// Shadow databases are named `<prefix><runId>_<random>`: the run id lets diff.ts drop whatever a
// crashed or killed engine run left behind, without touching other runs' databases.
export const SHADOW_DB_PREFIX = "prisma_migrate_shadow_";
