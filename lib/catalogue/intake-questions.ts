// The intake questions a session type asks, read from its JSON column. Lenient on purpose: a
// malformed entry is left out rather than breaking the booking page, and the booking API remains
// the judge of what a valid answer is.

export type IntakeQuestion =
  | { id: string; label: string; type: "text"; required: boolean }
  | { id: string; label: string; type: "choice"; required: boolean; options: string[] };

export function parseIntakeQuestions(value: unknown): IntakeQuestion[] {
  if (!Array.isArray(value)) return [];
  const questions: IntakeQuestion[] = [];
  const seen = new Set<string>();
  for (const entry of value) {
    if (!entry || typeof entry !== "object") continue;
    const { id, label, type, required, options } = entry as Record<string, unknown>;
    if (typeof id !== "string" || !id || seen.has(id) || typeof label !== "string" || !label.trim()) continue;
    if (type === "text") {
      questions.push({ id, label, type, required: required === true });
    } else if (type === "choice") {
      const choices = Array.isArray(options) ? options.filter((option): option is string => typeof option === "string" && option.trim() !== "") : [];
      if (!choices.length) continue;
      questions.push({ id, label, type, required: required === true, options: [...new Set(choices)] });
    } else {
      continue;
    }
    seen.add(id);
  }
  return questions;
}
