// A recorder in place of the job queue, for tests that check which jobs (deliveries, reminders,
// refunds) the code asks for after commit. In a test file:
//   vi.mock("@/lib/jobs/boss", async (importOriginal) => (await import("../helpers/recorded-jobs")).recordingBoss(importOriginal));
//   import { sentJobs } from "../helpers/recorded-jobs";
// and empty sentJobs before each test.

export type RecordedJob = { name: string; data: Record<string, unknown>; startAfter?: Date };

/** Every job sent since the array was last emptied. */
export const sentJobs: RecordedJob[] = [];

/** The real @/lib/jobs/boss with sendJobs recording into sentJobs instead of queueing. */
export async function recordingBoss(importOriginal: <T>() => Promise<T>) {
  return {
    ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
    sendJobs: async (jobs: RecordedJob[]) => {
      sentJobs.push(...jobs);
    },
  };
}
