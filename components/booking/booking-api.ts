// The browser's side of the public booking API (GET /api/availability, POST /api/bookings). Every
// answer becomes a typed outcome; nothing here throws for a refusal or a network failure, so the
// screens always have something kind and specific to say.

export type Slot = { start: string; end: string };

export type AvailabilityDay = { date: string; slots: Slot[] };

export type ApiProblem = {
  code: string;
  message: string;
  fields?: Record<string, string>;
  alternatives?: Slot[];
};

export type Failure = {
  ok: false;
  /** HTTP status, or 0 when the request never got an answer. */
  status: number;
  problem: ApiProblem;
  retryAfterSeconds?: number;
};

export type AvailabilityResult = { ok: true; days: AvailabilityDay[] } | Failure;

export type CreatedBooking = { id: string; status: string; start: string; end: string; manageUrl: string };

export type BookingResult = { ok: true; booking: CreatedBooking; checkoutUrl?: string } | Failure;

export type BookingRequest = {
  sessionType: string;
  start: string;
  name: string;
  email: string;
  timeZone: string;
  answers?: Record<string, string>;
};

const NETWORK_PROBLEM: ApiProblem = {
  code: "network",
  message: "We couldn't reach the booking service. Please check your internet connection and try again.",
};

const UNREADABLE_PROBLEM: ApiProblem = {
  code: "unexpected_response",
  message: "Something went wrong on our side. Please try again in a moment.",
};

export async function fetchAvailability(
  query: { sessionType: string; from: string; to: string; timeZone: string },
  signal?: AbortSignal,
): Promise<AvailabilityResult> {
  const params = new URLSearchParams(query);
  let response: Response;
  try {
    response = await fetch(`/api/availability?${params}`, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, status: 0, problem: NETWORK_PROBLEM };
  }
  const body = await readJson(response);
  if (response.ok && isRecord(body) && Array.isArray(body.days)) return { ok: true, days: body.days as AvailabilityDay[] };
  return failure(response, body);
}

export async function createBooking(request: BookingRequest): Promise<BookingResult> {
  let response: Response;
  try {
    response = await fetch("/api/bookings", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(request),
    });
  } catch {
    return { ok: false, status: 0, problem: NETWORK_PROBLEM };
  }
  const body = await readJson(response);
  if (response.ok && isRecord(body) && isRecord(body.booking)) {
    const checkoutUrl = typeof body.checkoutUrl === "string" ? body.checkoutUrl : undefined;
    return { ok: true, booking: body.booking as CreatedBooking, ...(checkoutUrl ? { checkoutUrl } : {}) };
  }
  return failure(response, body);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function failure(response: Response, body: unknown): Failure {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const problem: ApiProblem =
    error && typeof error.code === "string" && typeof error.message === "string"
      ? {
          code: error.code,
          message: error.message,
          ...(isRecord(error.fields) ? { fields: error.fields as Record<string, string> } : {}),
          ...(Array.isArray(error.alternatives) ? { alternatives: error.alternatives as Slot[] } : {}),
        }
      : UNREADABLE_PROBLEM;
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    ok: false,
    status: response.status,
    problem,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
