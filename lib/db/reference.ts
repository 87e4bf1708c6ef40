import { appPrisma } from "./client";

// Reference data that belongs to no clinic (CID-10 today; the drug catalogue later). It is
// public and read-only for the app role, so reading it is not privileged the way systemDb is:
// any domain module may, outside tenant transactions, and should cache what it reads
// (docs/architecture.md: reference data is read outside tenant transactions and cached).

export type Cid10Row = {
  code: string;
  category: string;
  description: string;
  sexRestriction: string | null;
  isCategory: boolean;
};

export const referenceDb = {
  /** The whole CID-10 table (~14k rows, ~1.5 MB): loaded once per process by lib/ehr/cid10. */
  async cid10Codes(): Promise<Cid10Row[]> {
    return appPrisma().cid10Code.findMany({
      select: { code: true, category: true, description: true, sexRestriction: true, isCategory: true },
      orderBy: { code: "asc" },
    });
  },
};
