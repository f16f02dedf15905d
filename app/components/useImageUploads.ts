import { useCallback, useEffect, useRef, useState, type ChangeEvent } from "react";
import { filesOf, insertAtCursor, uploadImage } from "~/lib/image-upload-client";

export interface UploadStatus {
  text: string;
  error: boolean;
}

/**
 * With JavaScript, images picked in the file input, pasted into the body or dropped on it are uploaded at once and
 * their Markdown inserted at the cursor, one after another, with the progress in `status`. Without it the same file
 * input is sent with the form.
 */
export function useImageUploads() {
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<UploadStatus | null>(null);
  const [uploading, setUploading] = useState(false);

  const upload = useCallback(async (files: File[]) => {
    const body = bodyRef.current;
    if (!body || files.length === 0) return;
    setUploading(true);
    try {
      for (const [index, file] of files.entries()) {
        const which = files.length > 1 ? ` (${index + 1}/${files.length})` : "";
        setStatus({ text: `그림 올리는 중${which}… 0%`, error: false });
        const markdown = await uploadImage(file, (percent) =>
          setStatus({ text: `그림 올리는 중${which}… ${percent}%`, error: false }),
        );
        insertAtCursor(body, markdown);
      }
      setStatus({ text: "그림을 올렸습니다.", error: false });
    } catch (error) {
      setStatus({ text: (error as Error).message, error: true });
    } finally {
      setUploading(false);
    }
  }, []);

  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = filesOf(event.clipboardData);
      if (files.length === 0) return;
      event.preventDefault();
      void upload(files);
    };
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const files = filesOf(event.dataTransfer);
      if (files.length === 0) return;
      event.preventDefault();
      body.focus();
      void upload(files);
    };
    body.addEventListener("paste", onPaste);
    body.addEventListener("dragover", onDragOver);
    body.addEventListener("drop", onDrop);
    return () => {
      body.removeEventListener("paste", onPaste);
      body.removeEventListener("dragover", onDragOver);
      body.removeEventListener("drop", onDrop);
    };
  }, [upload]);

  /** The file input's change: uploaded now, then cleared so the form does not send the files a second time. */
  const onPick = useCallback(
    (event: ChangeEvent<HTMLInputElement>) => {
      const input = event.currentTarget;
      const files = Array.from(input.files ?? []);
      input.value = "";
      void upload(files);
    },
    [upload],
  );

  return { bodyRef, status, uploading, onPick };
}
