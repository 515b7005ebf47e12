import { InvalidInputError } from "@/lib/errors";

// What the back office's filtered lists (bookings, orders, customers) share: reading `?` parameters,
// writing them back into a link, and falling back to the unfiltered list when the filters don't parse.

/** A search parameter's first value, trimmed; undefined when missing or blank. */
export const firstParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** `path` with the filters that are set as its query (page 1 is left out, as it is the default). */
export function listHref(path: string, filters: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "" && !(key === "page" && value === 1)) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The filtered list, or (when the filters don't parse: a hand-edited URL) the unfiltered one with
 * the problem, for the page to explain.
 */
export async function listOrUnfiltered<T>(filtered: () => Promise<T>, unfiltered: () => Promise<T>): Promise<{ result: T; problem: InvalidInputError | null }> {
  const attempt = await filtered().then(
    (result) => ({ result, problem: null }),
    (error: unknown) => {
      if (error instanceof InvalidInputError) return { result: null, problem: error };
      throw error;
    },
  );
  return { result: attempt.result ?? (await unfiltered()), problem: attempt.problem };
}
