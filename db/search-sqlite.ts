import { sql } from "kysely";
import type { IndexTerm, PostIndexScope, SearchIndexEngine } from "./search";

// FTS5 tables with the ascii tokenizer: it splits on ASCII spaces and punctuation only and keeps every other character
// as part of a token, so each space-separated gram is one token. Contentless (content=''): the text lives in posts
// and comments; contentless_delete=1 lets a row be removed by its rowid (the post or comment id).

/** A gram as an FTS5 string; grams hold no quotes, and doubling one would keep it literal anyway. */
function quoted(gram: string): string {
  return `"${gram.replaceAll('"', '""')}"`;
}

function termQuery(term: IndexTerm, column: string | null): string {
  const phrase = term.prefix ? `${quoted(term.grams[0])}*` : quoted(term.grams.join(" "));
  return column ? `${column} : ${phrase}` : phrase;
}

/** Every term must match (AND); in the title column alone for the title scope. */
export function ftsQuery(terms: readonly IndexTerm[], column: string | null): string {
  return terms.map((term) => termQuery(term, column)).join(" AND ");
}

export const sqliteSearchIndex: SearchIndexEngine = {
  tables: ["post_search", "comment_search"].flatMap((table) =>
    ["", "_data", "_idx", "_docsize", "_config"].map((suffix) => `${table}${suffix}`),
  ),
  // In-process statements cost microseconds each: one per row is as fast as any batching.
  async writePosts(db, posts) {
    for (const post of posts) {
      await sql`delete from post_search where rowid = ${post.id}`.execute(db);
      await sql`insert into post_search (rowid, title, body)
        values (${post.id}, ${post.titleGrams.join(" ")}, ${post.bodyGrams.join(" ")})`.execute(db);
    }
  },
  async removePost(db, postId) {
    await sql`delete from post_search where rowid = ${postId}`.execute(db);
  },
  async writeComments(db, comments) {
    for (const comment of comments) {
      await sql`delete from comment_search where rowid = ${comment.id}`.execute(db);
      await sql`insert into comment_search (rowid, body) values (${comment.id}, ${comment.bodyGrams.join(" ")})`.execute(
        db,
      );
    }
  },
  async removeComment(db, commentId) {
    await sql`delete from comment_search where rowid = ${commentId}`.execute(db);
  },
  async clear(db) {
    // FTS5's own command for emptying a contentless table at once.
    await sql`insert into post_search (post_search) values ('delete-all')`.execute(db);
    await sql`insert into comment_search (comment_search) values ('delete-all')`.execute(db);
  },
  postHits(terms, scope: PostIndexScope) {
    const match = ftsQuery(terms, scope === "title" ? "title" : null);
    return sql<{ id: number }>`(select rowid as id from post_search where post_search match ${match})`.as("hits");
  },
  commentHits(terms) {
    return sql<{
      id: number;
    }>`(select rowid as id from comment_search where comment_search match ${ftsQuery(terms, null)})`.as("hits");
  },
};
