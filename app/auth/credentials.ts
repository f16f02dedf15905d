// Shared by the forms (the browser's own length checks) and the server schemas in credential-schemas.server.ts.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Large enough for every auth form at its longest (128 four-byte characters, percent-encoded, twice). */
export const AUTH_FORM_MAX_BYTES = 16 * 1024;

export const WRONG_CREDENTIALS_MESSAGE = "아이디 또는 비밀번호가 올바르지 않습니다.";
export const WRONG_CURRENT_PASSWORD_MESSAGE = "현재 비밀번호가 올바르지 않습니다.";
