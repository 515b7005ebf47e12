-- AlterTable
ALTER TABLE "entitlements" ADD COLUMN     "counted_link_id" TEXT;
