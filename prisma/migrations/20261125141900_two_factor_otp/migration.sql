-- AlterTable
ALTER TABLE "users" ADD COLUMN     "otp_channel" "TwoFactorChannel",
ADD COLUMN     "otp_enabled_at" TIMESTAMPTZ(6);

-- A code sent by message is either e-mail or SMS (TOTP and recovery codes have their own
-- columns and rows), and an enabled message factor always says which channel it uses.
ALTER TABLE "users" ADD CONSTRAINT users_otp_channel_check
  CHECK (otp_channel IS NULL OR otp_channel IN ('EMAIL', 'SMS'));
ALTER TABLE "users" ADD CONSTRAINT users_otp_enabled_check
  CHECK ((otp_enabled_at IS NULL) = (otp_channel IS NULL));
