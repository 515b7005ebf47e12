-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'COMPLETED', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "CancelledBy" AS ENUM ('CLIENT', 'COACH', 'SYSTEM');

-- AlterTable
ALTER TABLE "coach_settings" ADD COLUMN     "reminder_offsets_minutes" INTEGER[] DEFAULT ARRAY[1440, 60]::INTEGER[];

-- CreateTable
CREATE TABLE "availability_overrides" (
    "id" TEXT NOT NULL,
    "coach_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "intervals" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "availability_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "time_off" (
    "id" TEXT NOT NULL,
    "coach_id" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "time_off_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bookings" (
    "id" TEXT NOT NULL,
    "coach_id" TEXT NOT NULL,
    "session_type_id" TEXT NOT NULL,
    "client_name" TEXT NOT NULL,
    "client_email" TEXT NOT NULL,
    "client_time_zone" TEXT NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "blocked_from" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3) NOT NULL,
    "hold_expires_at" TIMESTAMPTZ(3),
    "manage_token_hash" TEXT NOT NULL,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "price_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by" "CancelledBy",
    "cancel_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bookings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking_reminders" (
    "id" TEXT NOT NULL,
    "booking_id" TEXT NOT NULL,
    "offset_minutes" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booking_reminders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "availability_overrides_coach_id_date_key" ON "availability_overrides"("coach_id", "date");

-- CreateIndex
CREATE INDEX "time_off_coach_id_starts_at_idx" ON "time_off"("coach_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "bookings_manage_token_hash_key" ON "bookings"("manage_token_hash");

-- CreateIndex
CREATE INDEX "bookings_coach_id_starts_at_idx" ON "bookings"("coach_id", "starts_at");

-- CreateIndex
CREATE INDEX "bookings_client_email_starts_at_idx" ON "bookings"("client_email", "starts_at");

-- CreateIndex
CREATE INDEX "bookings_status_hold_expires_at_idx" ON "bookings"("status", "hold_expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "booking_reminders_booking_id_offset_minutes_starts_at_key" ON "booking_reminders"("booking_id", "offset_minutes", "starts_at");

-- CreateIndex
CREATE INDEX "audit_logs_entity_type_entity_id_idx" ON "audit_logs"("entity_type", "entity_id");

-- AddForeignKey
ALTER TABLE "availability_overrides" ADD CONSTRAINT "availability_overrides_coach_id_fkey" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_off" ADD CONSTRAINT "time_off_coach_id_fkey" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_coach_id_fkey" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_session_type_id_fkey" FOREIGN KEY ("session_type_id") REFERENCES "session_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_reminders" ADD CONSTRAINT "booking_reminders_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: invariants Prisma's schema language cannot express.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- No double booking, whatever the load: HELD and CONFIRMED bookings of one coach never overlap,
-- buffers included. An expired hold is moved to EXPIRED in the transaction that competes with it.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist ("coach_id" WITH =, tstzrange("blocked_from", "blocked_until", '[)') WITH &&)
  WHERE ("status" IN ('HELD', 'CONFIRMED'));

ALTER TABLE "bookings" ADD CONSTRAINT "bookings_times_ordered"
  CHECK ("starts_at" < "ends_at" AND "blocked_from" <= "starts_at" AND "blocked_until" >= "ends_at");

ALTER TABLE "bookings" ADD CONSTRAINT "bookings_hold_has_expiry"
  CHECK ("status" <> 'HELD' OR "hold_expires_at" IS NOT NULL);

ALTER TABLE "time_off" ADD CONSTRAINT "time_off_times_ordered" CHECK ("starts_at" < "ends_at");

ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_valid"
  CHECK ("weekday" BETWEEN 1 AND 7 AND "start_minute" >= 0 AND "start_minute" < "end_minute" AND "end_minute" <= 1440);

ALTER TABLE "session_types" ADD CONSTRAINT "session_types_valid"
  CHECK ("duration_minutes" > 0 AND "buffer_before_minutes" >= 0 AND "buffer_after_minutes" >= 0
     AND "minimum_notice_minutes" >= 0 AND "horizon_days" > 0 AND "price_cents" >= 0
     AND ("slot_interval_minutes" IS NULL OR "slot_interval_minutes" > 0)
     AND ("max_per_day" IS NULL OR "max_per_day" >= 0));
