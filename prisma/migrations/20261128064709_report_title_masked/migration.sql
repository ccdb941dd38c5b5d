-- AlterTable
ALTER TABLE "report" ADD COLUMN     "title_masked" TEXT,
ADD COLUMN     "title_masked_from" TEXT;
