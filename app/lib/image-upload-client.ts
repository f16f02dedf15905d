import { IMAGE_MAX_BYTES } from "./input-limits";

// The editor's script: images picked, pasted or dropped are sent to POST /uploads one at a time, and the Markdown
// the server answers with goes into the body where the cursor is.

const FAILED_MESSAGE = "그림을 올리지 못했습니다. 잠시 후 다시 시도해 주세요.";
export const TOO_LARGE_MESSAGE = `그림 하나는 ${IMAGE_MAX_BYTES / 1024 / 1024}MB까지 올릴 수 있습니다.`;

/** The server's Korean reason for a refusal: `error` in a JSON answer, or a plain-text answer's words. */
function refusalMessage(request: XMLHttpRequest): string {
  try {
    const body = JSON.parse(request.responseText) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // Not JSON: a plain refusal from the server (403 for a suspended member, 413).
  }
  const text = request.responseText.trim();
  return text && text.length <= 200 && !text.startsWith("<") ? text : FAILED_MESSAGE;
}

/** Sends one image; resolves with the Markdown to insert, rejects with a Korean message. */
export function uploadImage(file: File, onProgress: (percent: number) => void): Promise<string> {
  if (file.size > IMAGE_MAX_BYTES) return Promise.reject(new Error(TOO_LARGE_MESSAGE));
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/uploads");
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener("load", () => {
      if (request.status !== 201) return reject(new Error(refusalMessage(request)));
      try {
        resolve((JSON.parse(request.responseText) as { markdown: string }).markdown);
      } catch {
        reject(new Error(FAILED_MESSAGE));
      }
    });
    request.addEventListener("error", () => reject(new Error(FAILED_MESSAGE)));
    const body = new FormData();
    body.append("file", file);
    request.send(body);
  });
}

/** Puts `text` at the cursor (replacing a selection) on a line of its own, and leaves the cursor after it. */
export function insertAtCursor(textarea: HTMLTextAreaElement, text: string) {
  const { selectionStart, selectionEnd, value } = textarea;
  const before = selectionStart > 0 && value[selectionStart - 1] !== "\n" ? "\n" : "";
  const after = value[selectionEnd] === "\n" ? "" : "\n";
  textarea.setRangeText(`${before}${text}${after}`, selectionStart, selectionEnd, "end");
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

/** The image files a paste or drop carries; empty when it carries none (plain text pastes as usual). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files) : [];
}
