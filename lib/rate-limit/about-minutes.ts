/** How long to wait, as a person would say it: "about 1 minute", "about 12 minutes". */
export function aboutMinutes(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `about ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}
