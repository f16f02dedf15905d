import { isAdmin, type Actor } from "./permissions";

interface ByAuthor<QB> {
  where(column: "author_id", operator: "=", value: number): QB;
}

/** canModify inside the query: a member's write reaches only their own rows, so a stale check cannot widen it. */
export function onlyModifiableBy<QB extends ByAuthor<QB>>(query: QB, actor: Actor): QB {
  return isAdmin(actor) ? query : query.where("author_id", "=", actor.id);
}
