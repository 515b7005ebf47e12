"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useActionState, useId, useState, useSyncExternalStore } from "react";
import type { ArchiveState, RemoveFileState, RemoveImageState } from "@/app/admin/products/actions";
import { ResultNotice } from "@/components/admin/result-notice";
import { describedBy, FieldNotes } from "@/components/admin/text-field";
import { formatBytes } from "@/lib/admin/products/format-bytes";
import { MAX_FILE_TITLE_LENGTH } from "@/lib/admin/products/limits";
import { idle, type ActionState } from "@/lib/http/action-state";
import type { ErrorBody } from "@/lib/http/error-response";

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

export type UploadState = ActionState<{ title: string; sizeBytes: number; sha256: string }>;

const noSubscription = () => () => {};

/** False in the server's HTML and until this island has hydrated; true once its handlers are attached. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * Uploads a product file (with an optional title) or the product's image: the file's bytes go
 * straight to the coach's upload route (streamed to storage, never buffered whole), then the page's
 * data is refreshed. The server checks the type by the file's first bytes and the size; the accept
 * list only helps the file picker.
 */
export function UploadForm({ productId, kind, maxMb }: { productId: string; kind: "file" | "image"; maxMb: number }) {
  const [state, setState] = useState<UploadState>(idle);
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const hydrated = useHydrated();
  const id = useId();
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
          ? `This file is larger than ${maxMb} MB.`
          : (fields.file ?? fields.fileName);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setState({ status: "error", code: "invalid_input", message: "Some details need another look.", fields: { file: isImage ? "Choose a PNG or JPEG image to upload." : "Choose a file to upload." } });
      return;
    }
    setPending(true);
    const next = await upload(productId, kind, file, String(data.get("title") ?? ""));
    setPending(false);
    setState(next);
    if (next.status === "success") {
      form.reset();
      router.refresh();
    }
  }

  return (
    <form onSubmit={submit} className="stack" noValidate aria-busy={pending}>
      <div className="field">
        <label htmlFor={`${id}-file`}>{isImage ? "Image" : "File"}</label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          required
          accept={isImage ? "image/png,image/jpeg" : "application/pdf,application/zip,image/png,image/jpeg,.pdf,.zip,.png,.jpg,.jpeg"}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy(`${id}-file`, true, fileError)}
        />
        <FieldNotes id={`${id}-file`} hint={isImage ? `PNG or JPEG, up to ${maxMb} MB.` : `PDF, ZIP, PNG or JPEG, up to ${maxMb} MB.`} error={fileError} />
      </div>
      {isImage ? null : (
        <div className="field">
          <label htmlFor={`${id}-title`}>Title buyers see (optional)</label>
          <input
            id={`${id}-title`}
            name="title"
            type="text"
            maxLength={MAX_FILE_TITLE_LENGTH}
            aria-invalid={fields.title ? true : undefined}
            aria-describedby={describedBy(`${id}-title`, true, fields.title)}
          />
          <FieldNotes id={`${id}-title`} hint="For example “Journal (A4, printable)”. Empty: the file’s name." error={fields.title} />
        </div>
      )}
      <div className="actions">
        {/* The bytes go out with fetch, so until the script has loaded the button stays disabled:
            a plain form post would reload the page and drop the file without a word. */}
        <button type="submit" className="button" disabled={!hydrated || pending}>
          {pending ? "Uploading…" : isImage ? "Upload image" : "Upload file"}
        </button>
      </div>
      {hydrated ? null : <p className="muted">Uploading needs JavaScript: the button is ready once the page has finished loading.</p>}
      <ResultNotice state={state} success={(result) => `Uploaded “${result.title}” (${formatBytes(result.sizeBytes)}, SHA-256 ${result.sha256.slice(0, 12)}…).`} />
    </form>
  );
}

type Uploaded = { title?: string; fileName: string; sizeBytes: number; sha256: string };
/** What the upload routes answer: a product file (POST …/files) or the image (PUT …/image). */
type UploadAnswer = { productFile?: Uploaded; image?: Uploaded };

/** Sends the file's bytes to the upload route and reads its answer (or its error shape) as a form state. */
async function upload(productId: string, kind: "file" | "image", file: File, title: string): Promise<UploadState> {
  const base = `/api/admin/products/${encodeURIComponent(productId)}`;
  const query = new URLSearchParams({ fileName: file.name, ...(kind === "file" && title.trim() ? { title } : {}) });
  let response: Response;
  try {
    // Always a Content-Type: the proxy leaves requests that have one alone (it would buffer the body).
    response = await fetch(`${base}/${kind === "image" ? "image" : "files"}?${query}`, {
      method: kind === "image" ? "PUT" : "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: file,
    });
  } catch {
    return {
      status: "error",
      code: "network_error",
      message: "The upload was interrupted before the server answered. Please check your connection and try again.",
    };
  }
  const answer = (await response.json().catch(() => null)) as UploadAnswer | ErrorBody | null;
  const uploaded = answer && "error" in answer ? undefined : (answer?.productFile ?? answer?.image);
  if (response.ok && uploaded) return { status: "success", result: { title: uploaded.title ?? uploaded.fileName, sizeBytes: uploaded.sizeBytes, sha256: uploaded.sha256 } };
  const error = answer && "error" in answer ? answer.error : undefined;
  if (error?.code && error.message) return { status: "error", code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  return { status: "error", code: "upload_failed", message: `The upload didn’t go through (the server answered ${response.status}). Nothing was changed; please try again in a moment.` };
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
