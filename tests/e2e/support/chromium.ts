import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/** The browser to drive: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own download. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here.
  }
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate))) ?? null;
}

export const CHROMIUM_HELP =
  "No Chromium found for the end-to-end tests: install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.";
