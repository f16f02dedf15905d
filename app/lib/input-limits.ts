// Lengths of what people type, shared by the forms (the browser checks as the user types) and the server's checks.

export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_BYTES = 64 * 1024;
export const COMMENT_MAX_LENGTH = 2000;
/** A full 64 KiB body of Korean text is about three times larger once percent-encoded. */
export const POST_FORM_MAX_BYTES = 4 * BODY_MAX_BYTES;
export const COMMENT_FORM_MAX_BYTES = 32 * 1024;
export const SCRAP_MEMO_MAX_LENGTH = 200;
/** What a reporter may add to a report; required for 기타. */
export const REPORT_DETAIL_MAX_LENGTH = 200;
/** One uploaded image, before it is re-encoded. */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Images one write or edit form may carry. */
export const IMAGES_PER_FORM_MAX = 20;
