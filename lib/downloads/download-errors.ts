import { config } from "../config";
import { AppError } from "../errors";

/** Downloads per purchase; generous for re-downloads on new devices, small enough to notice a shared link. */
export const DOWNLOAD_LIMIT = 50;

export function accessEndedError(): AppError {
  return new AppError(
    "access_ended",
    "This purchase was refunded, so its files are no longer available to download. If you think this is a mistake, just reply to your receipt and we'll sort it out.",
    403,
  );
}

export function downloadLimitError(): AppError {
  return new AppError(
    "download_limit_reached",
    `This purchase has been downloaded ${DOWNLOAD_LIMIT} times, which is the limit for one purchase. If you need it again (a new device, say), email ${config().COACH_EMAIL} and we'll happily reset it.`,
    403,
  );
}

export function linkExpiredError(): AppError {
  return new AppError("link_expired", "This download link has expired (they last 10 minutes). Open your library for a fresh one.", 410);
}

export function linkInvalidError(): AppError {
  return new AppError("not_found", "This download link isn't valid. Open your library to download your files.", 404);
}
