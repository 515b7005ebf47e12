"use client";

import { useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { MAX_INTAKE_QUESTIONS } from "@/lib/session-types/limits";
import formStyles from "@/components/admin/admin-form.module.css";
import styles from "./session-type-form.module.css";

export type EditableQuestion = { id?: string; label: string; type: "text" | "choice"; required: boolean; options?: string[] };

type Draft = { key: number; id?: string; label: string; type: "text" | "choice"; required: boolean; optionsText: string };

let nextKey = 1;

/**
 * The questions a client answers when booking. Edited here in the browser and sent as one JSON
 * field ("intakeQuestions"); errors come back as "intakeQuestions.<n>.<field>" and show next to
 * the question. A question keeps its id, so earlier answers stay matched to it.
 */
export function IntakeQuestionsEditor({ initial, fields }: { initial: EditableQuestion[]; fields: Record<string, string> }) {
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    initial.map((q) => ({ key: nextKey++, id: q.id, label: q.label, type: q.type, required: q.required, optionsText: (q.options ?? []).join("\n") })),
  );
  const [announcement, setAnnouncement] = useState("");
  const value = JSON.stringify(
    drafts.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      label: d.label,
      type: d.type,
      required: d.required,
      ...(d.type === "choice"
        ? {
            options: d.optionsText
              .split("\n")
              .map((option) => option.trim())
              .filter(Boolean),
          }
        : {}),
    })),
  );

  const update = (key: number, change: Partial<Draft>) => setDrafts(drafts.map((d) => (d.key === key ? { ...d, ...change } : d)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...drafts];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    setDrafts(next);
    setAnnouncement(`Question moved to position ${index + by + 1} of ${drafts.length}.`);
  };

  return (
    <div className="stack">
      <input type="hidden" name="intakeQuestions" value={value} />
      {fields.intakeQuestions ? <p className="field-error">{fields.intakeQuestions}</p> : null}
      {drafts.length === 0 ? <p className="muted">No questions: clients only give their name and email address.</p> : null}
      <ol className={styles.questions}>
        {drafts.map((draft, index) => {
          const base = `intakeQuestions.${index}`;
          const id = `question-${draft.key}`;
          const labelError = fields[`${base}.label`];
          const optionsError = fields[`${base}.options`] ?? Object.entries(fields).find(([key]) => key.startsWith(`${base}.options.`))?.[1];
          return (
            <li key={draft.key} className={styles.question}>
              <fieldset className="field-group">
                <legend className={formStyles.legend}>Question {index + 1}</legend>
                <div className="field">
                  <label htmlFor={`${id}-label`}>Question</label>
                  <input
                    id={`${id}-label`}
                    type="text"
                    value={draft.label}
                    maxLength={300}
                    onChange={(event) => update(draft.key, { label: event.target.value })}
                    aria-invalid={labelError ? true : undefined}
                    aria-describedby={labelError ? `${id}-label-error` : undefined}
                  />
                  <FieldError id={`${id}-label-error`} message={labelError} />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-type`}>Kind of answer</label>
                  <select id={`${id}-type`} value={draft.type} onChange={(event) => update(draft.key, { type: event.target.value as Draft["type"] })}>
                    <option value="text">Their own words</option>
                    <option value="choice">One of a few options</option>
                  </select>
                </div>
                {draft.type === "choice" ? (
                  <div className="field">
                    <label htmlFor={`${id}-options`}>Options, one per line</label>
                    <textarea
                      id={`${id}-options`}
                      rows={3}
                      value={draft.optionsText}
                      onChange={(event) => update(draft.key, { optionsText: event.target.value })}
                      aria-invalid={optionsError ? true : undefined}
                      aria-describedby={optionsError ? `${id}-options-error` : undefined}
                    />
                    <FieldError id={`${id}-options-error`} message={optionsError} />
                  </div>
                ) : null}
                <div className="check">
                  <input id={`${id}-required`} type="checkbox" checked={draft.required} onChange={(event) => update(draft.key, { required: event.target.checked })} />
                  <label htmlFor={`${id}-required`}>An answer is required</label>
                </div>
                <div className="actions">
                  {index > 0 ? (
                    <button type="button" className="button button-secondary" onClick={() => move(index, -1)}>
                      Move up<span className="visually-hidden"> question {index + 1}</span>
                    </button>
                  ) : null}
                  {index < drafts.length - 1 ? (
                    <button type="button" className="button button-secondary" onClick={() => move(index, 1)}>
                      Move down<span className="visually-hidden"> question {index + 1}</span>
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => {
                      setDrafts(drafts.filter((d) => d.key !== draft.key));
                      setAnnouncement(`Question ${index + 1} removed. Save to keep the change.`);
                    }}
                  >
                    Remove<span className="visually-hidden"> question {index + 1}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {drafts.length < MAX_INTAKE_QUESTIONS ? (
        <p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDrafts([...drafts, { key: nextKey++, label: "", type: "text", required: false, optionsText: "" }]);
              setAnnouncement(`Question ${drafts.length + 1} added.`);
            }}
          >
            Add a question
          </button>
        </p>
      ) : null}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
