/**
 * Names a member could pass off as the board's staff or the system. Kept here in full, Korean ones included, though
 * the username rule (lowercase letters, digits, _) already refuses Hangul: the list says what is reserved, whatever
 * that rule becomes.
 */
const RESERVED_USERNAMES = new Set([
  "admin",
  "administrator",
  "madang",
  "root",
  "system",
  "sysop",
  "operator",
  "moderator",
  "mod",
  "staff",
  "official",
  "support",
  "help",
  "webmaster",
  "security",
  "anonymous",
  "nobody",
  "운영자",
  "관리자",
  "운영진",
  "마당",
  "익명",
]);

/**
 * True for a reserved name, and for one dressed up with digits and underscores ("admin_1", "_root_"); every name
 * that starts with "madang" or "admin" is the board's too.
 */
export function isReservedUsername(username: string): boolean {
  const name = username.toLowerCase();
  const letters = name.replace(/[\d_]/g, "");
  return RESERVED_USERNAMES.has(name) || RESERVED_USERNAMES.has(letters) || /^(madang|admin)/.test(letters);
}
