-- AlterTable
ALTER TABLE "drug_ingredients" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[];
