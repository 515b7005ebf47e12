-- Hand-written: quantities, counts and discount rules stay sane whatever the application does.
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_quantity_check" CHECK (quantity BETWEEN 1 AND 99);
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_size_check" CHECK (size_bytes >= 0);
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_download_count_check" CHECK (download_count >= 0);
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_rule_check" CHECK (
  (kind = 'PERCENT' AND percent_off BETWEEN 1 AND 100 AND amount_off_cents IS NULL)
  OR (kind = 'AMOUNT' AND amount_off_cents > 0 AND currency IS NOT NULL AND percent_off IS NULL));
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_redemptions_check"
  CHECK (redemption_count >= 0 AND (max_redemptions IS NULL OR (max_redemptions > 0 AND redemption_count <= max_redemptions)));
