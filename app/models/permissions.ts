import type { Role } from "#db/types";

/**
 * Who may do what: the one home of each rule, pure so that routes, models and components (client code) share it.
 * Models also apply the same rules inside their queries (see permissions.server.ts), so a check here is never the
 * only guard of a write.
 */

/** The person acting, as far as the rules care: a session user fits. */
export interface Actor {
  id: number;
  role: Role;
}

export function isAdmin(actor: { role: Role } | null): boolean {
  return actor?.role === "admin";
}

/** A post or a comment may be edited or deleted by its author and by admins. */
export function canModify(actor: Actor | null, authorId: number): boolean {
  return actor !== null && (isAdmin(actor) || actor.id === authorId);
}

/** An admin changing what someone else wrote: only their admin role allows it, so the audit log records it. */
export function isModeration(actor: Actor, authorId: number): boolean {
  return isAdmin(actor) && actor.id !== authorId;
}

/** Who is offered the report form: members, for what others wrote (admins act on items directly instead). */
export function canReport(actor: Actor | null, authorId: number): boolean {
  return actor !== null && !isAdmin(actor) && actor.id !== authorId;
}

/** Admin-only categories (such as 이벤트) take posts from admins only. */
export function canPostIn(actor: { role: Role }, category: { adminOnly: boolean }): boolean {
  return !category.adminOnly || isAdmin(actor);
}

export const ANONYMOUS_NAME = "마당 손님";

/**
 * The author's name as this reader may see it: of a post or comment written anonymously (on a board that was 익명
 * then), only admins see who wrote it.
 */
export function authorNameFor(written: { isAnonymous: boolean }, authorName: string, reader: { role: Role } | null) {
  return written.isAnonymous && !isAdmin(reader) ? ANONYMOUS_NAME : authorName;
}

/**
 * The admin page of an item's author, offered to admins only (on anonymous boards too, where admins see authors):
 * anyone else gets null, so the username behind an anonymous name never reaches their page or its data.
 */
export function memberAdminHref(reader: { role: Role } | null, authorName: string): string | null {
  return isAdmin(reader) ? `/admin/users/${encodeURIComponent(authorName)}` : null;
}
