"use client";

import { useActionState, useState } from "react";
import type { ProductFormState } from "@/app/admin/products/actions";
import { FieldError } from "@/components/ui/field-error";
import { idle } from "@/lib/http/action-state";
import { PRODUCT_KIND_LABELS, SELLABLE_PRODUCT_KINDS } from "@/lib/admin/products/limits";
import formStyles from "@/components/admin/admin-form.module.css";
import { CurrencyField } from "@/components/admin/currency-field";
import { SaveButton } from "@/components/admin/save-button";
import { SavedStatus } from "@/components/admin/saved-status";
import { describedBy, TextField } from "@/components/admin/text-field";

export type ProductValues = {
  id?: string;
  title: string;
  slug: string;
  summary: string;
  description: string;
  /** One per line. */
  highlights: string;
  /** Major units, as typed: "18.00". */
  price: string;
  currency: string;
  kind: string;
  active: boolean;
  archived?: boolean;
};

type Props = {
  action: (previous: ProductFormState, formData: FormData) => Promise<ProductFormState>;
  initial: ProductValues;
  submitLabel: string;
  /** The coach's own currency: the cart sells in it. */
  shopCurrency: string;
};

// Domain errors name the stored fields; these are the form fields that show them.
const aliases: Record<string, string> = { priceCents: "price" };

/** Create and edit share this form. Every value is kept as typed when a save fails. */
export function ProductForm({ action, initial, submitLabel, shopCurrency }: Props) {
  const [state, submit, pending] = useActionState<ProductFormState, FormData>(action, idle);
  const [values, setValues] = useState(initial);
  const raw = state.status === "error" ? (state.fields ?? {}) : {};
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(raw)) fields[aliases[key.split(".")[0]] ?? key.split(".")[0]] ??= message;
  const set = (name: keyof ProductValues) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });
  const kinds: string[] = (SELLABLE_PRODUCT_KINDS as readonly string[]).includes(initial.kind) || !initial.id ? [...SELLABLE_PRODUCT_KINDS] : [initial.kind, ...SELLABLE_PRODUCT_KINDS];

  const text = (name: "title" | "slug" | "summary" | "price", label: string, options: { hint?: string; inputMode?: "decimal"; required?: boolean; maxLength?: number } = {}) => (
    <TextField id={`product-${name}`} name={name} label={label} value={values[name]} onChange={set(name)} error={fields[name]} {...options} />
  );

  const area = (name: "description" | "highlights", label: string, hint: string, rows: number) => {
    const id = `product-${name}`;
    const error = fields[name];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea id={id} name={name} rows={rows} value={values[name]} onChange={set(name)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, true, error)} />
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
        <FieldError id={`${id}-error`} message={error} />
      </div>
    );
  };

  return (
    <form action={submit} className="stack" noValidate>
      {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
      <SavedStatus state={state} fieldsMarked={Object.keys(raw).length > 0} />

      <section className={`card stack ${formStyles.section}`} aria-labelledby="product-about-heading">
        <h2 id="product-about-heading">About the product</h2>
        {text("title", "Title", { required: true, maxLength: 120 })}
        {text("slug", "Web address", { hint: `Lowercase letters, digits and hyphens. The shop page is /shop/${values.slug || "…"}.`, required: true })}
        {text("summary", "One-line summary", { hint: "Shown under the title in the shop list.", required: true, maxLength: 200 })}
        {area("description", "Description", "Markdown: blank lines between paragraphs, - for a list, **bold**, [a link](https://…). Shown in full on the product page.", 10)}
        {area("highlights", "What the buyer gets", "One item per line, for example “A 40-page printable journal (PDF)”.", 5)}
      </section>

      <section className={`card stack ${formStyles.section}`} aria-labelledby="product-sale-heading">
        <h2 id="product-sale-heading">Price and kind</h2>
        <div className={formStyles.grid}>
          {text("price", "Price", { inputMode: "decimal", hint: "For example 18 or 18.50.", required: true })}
          <CurrencyField
            id="product-currency"
            value={values.currency}
            onChange={set("currency")}
            hint={values.currency !== shopCurrency ? `The cart sells in ${shopCurrency}; a product in another currency can’t be added to it.` : undefined}
            error={fields.currency}
          />
        </div>
        <fieldset className="field-group" aria-describedby={fields.kind ? "product-kind-error" : undefined}>
          <legend className={formStyles.legend}>Kind</legend>
          {kinds.map((kind) => (
            <div className="check" key={kind}>
              <input id={`product-kind-${kind}`} type="radio" name="kind" value={kind} checked={values.kind === kind} onChange={() => setValues({ ...values, kind })} />
              <label htmlFor={`product-kind-${kind}`}>{PRODUCT_KIND_LABELS[kind] ?? kind}</label>
            </div>
          ))}
          <FieldError id="product-kind-error" message={fields.kind} />
        </fieldset>
        <div className="check">
          <input
            id="product-active"
            name="active"
            type="checkbox"
            checked={values.active}
            disabled={values.archived}
            onChange={(event) => setValues({ ...values, active: event.target.checked })}
            aria-describedby={`product-active-hint${fields.active ? " product-active-error" : ""}`}
          />
          <label htmlFor="product-active">Show in the shop and allow buying</label>
        </div>
        <span id="product-active-hint" className="field-hint">
          {values.archived
            ? "Archived products stay out of the shop. Restore it below first."
            : "Untick to take it out of the shop for now. Buyers keep what they bought; nothing is deleted."}
        </span>
        <FieldError id="product-active-error" message={fields.active} />
      </section>

      <SaveButton pending={pending} label={submitLabel} />
    </form>
  );
}
