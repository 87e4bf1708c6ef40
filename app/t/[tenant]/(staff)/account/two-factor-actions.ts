import type { TwoFactorActions } from "@/components/auth/two-factor-settings";
import {
  confirmOtpEnrolmentAction, confirmTotpEnrolmentAction, disableTwoFactorAction, startOtpEnrolmentAction, startTotpEnrolmentAction,
} from "./actions";

/** The server actions behind the second-factor card (/account and /two-factor-setup). */
export const twoFactorActions: TwoFactorActions = {
  start: startTotpEnrolmentAction,
  confirm: confirmTotpEnrolmentAction,
  disable: disableTwoFactorAction,
  startOtp: startOtpEnrolmentAction,
  confirmOtp: confirmOtpEnrolmentAction,
};
