"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import type { ArchiveState, RemoveFileState, RemoveImageState, UploadState } from "@/app/admin/products/actions";
import { ResultNotice } from "@/components/admin/result-notice";
import { FieldError } from "@/components/ui/field-error";
import { formatBytes } from "@/lib/admin/products/format-bytes";
import { idle } from "@/lib/http/action-state";

type Action<State> = (previous: State, formData: FormData) => Promise<State>;

/** A remove button's failure, next to the button; read out as it appears. */
function RemoveError({ state }: { state: RemoveFileState | RemoveImageState }) {
  return state.status === "error" ? (
    <span role="status" className="field-error">
      {" "}
      {state.message}
    </span>
  ) : null;
}

/**
 * Uploads a product file (with an optional title) or the product's image. The server checks the type
 * by the file's first bytes and the size; the accept list only helps the file picker.
 */
export function UploadForm({
  action,
  productId,
  kind,
  maxMb,
}: {
  action: Action<UploadState>;
  productId: string;
  kind: "file" | "image";
  maxMb: number;
}) {
  const [state, submit, pending] = useActionState<UploadState, FormData>(action, idle);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  useEffect(() => {
    if (state.status === "success") form.current?.reset();
  }, [state]);
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const isImage = kind === "image";
  // storeUpload's own words go in the status line below; next to the field, a short version.
  const fileError =
    state.status !== "error"
      ? undefined
      : state.code === "unsupported_file_type"
        ? isImage
          ? "This isn’t a PNG or JPEG image."
          : "This isn’t a PDF, ZIP, PNG or JPEG file."
        : state.code === "file_too_large"
          ? `This file is larger than ${isImage ? 5 : maxMb} MB.`
          : fields.file;

  return (
    <form ref={form} action={submit} className="stack" noValidate>
      <input type="hidden" name="productId" value={productId} />
      <div className="field">
        <label htmlFor={`${id}-file`}>{isImage ? "Image" : "File"}</label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          required
          accept={isImage ? "image/png,image/jpeg" : "application/pdf,application/zip,image/png,image/jpeg,.pdf,.zip,.png,.jpg,.jpeg"}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ""}`}
        />
        <span id={`${id}-file-hint`} className="field-hint">
          {isImage ? `PNG or JPEG, up to 5 MB.` : `PDF, ZIP, PNG or JPEG, up to ${maxMb} MB.`}
        </span>
        <FieldError id={`${id}-file-error`} message={fileError} />
      </div>
      {isImage ? null : (
        <div className="field">
          <label htmlFor={`${id}-title`}>Title buyers see (optional)</label>
          <input
            id={`${id}-title`}
            name="title"
            type="text"
            maxLength={120}
            aria-invalid={fields.title ? true : undefined}
            aria-describedby={`${id}-title-hint${fields.title ? ` ${id}-title-error` : ""}`}
          />
          <span id={`${id}-title-hint`} className="field-hint">
            For example “Journal (A4, printable)”. Empty: the file’s name.
          </span>
          <FieldError id={`${id}-title-error`} message={fields.title} />
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Uploading…" : isImage ? "Upload image" : "Upload file"}
        </button>
      </div>
      <ResultNotice state={state} success={(result) => `Uploaded “${result.title}” (${formatBytes(result.sizeBytes)}, SHA-256 ${result.sha256.slice(0, 12)}…).`} />
    </form>
  );
}

/** Removes one file from the product, after the browser's own confirmation. */
export function RemoveFileButton({ action, productId, productFileId, title }: { action: Action<RemoveFileState>; productId: string; productFileId: string; title: string }) {
  const [state, submit, pending] = useActionState<RemoveFileState, FormData>(action, idle);
  return (
    <form
      action={submit}
      onSubmit={(event) => {
        if (!window.confirm(`Remove “${title}”? Buyers will no longer see it in their library.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="productFileId" value={productFileId} />
      <button type="submit" className="button button-secondary" disabled={pending}>
        {pending ? "Removing…" : "Remove"}
        <span className="visually-hidden"> {title}</span>
      </button>
      <RemoveError state={state} />
    </form>
  );
}

export function RemoveImageButton({ action, productId }: { action: Action<RemoveImageState>; productId: string }) {
  const [state, submit, pending] = useActionState<RemoveImageState, FormData>(action, idle);
  return (
    <form action={submit}>
      <input type="hidden" name="productId" value={productId} />
      <button type="submit" className="button button-secondary" disabled={pending}>
        {pending ? "Removing…" : "Remove the image"}
      </button>
      <RemoveError state={state} />
    </form>
  );
}

/** Archive (out of the shop and the main list) or restore. */
export function ArchiveForm({ action, productId, archived }: { action: Action<ArchiveState>; productId: string; archived: boolean }) {
  const [state, submit, pending] = useActionState<ArchiveState, FormData>(action, idle);
  return (
    <form action={submit} className="stack">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="archive" value={archived ? "0" : "1"} />
      <div className="actions">
        <button type="submit" className={archived ? "button" : "button button-secondary"} disabled={pending}>
          {pending ? "Saving…" : archived ? "Restore from the archive" : "Archive this product"}
        </button>
      </div>
      <ResultNotice
        state={state}
        success={(result) =>
          result.archived ? "Archived. It is out of the shop; buyers keep what they bought." : "Restored. It stays out of the shop until you tick “Show in the shop” and save."
        }
      />
    </form>
  );
}
