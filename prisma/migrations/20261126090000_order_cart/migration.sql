-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "cart_id" TEXT;
