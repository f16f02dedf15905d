import { sql } from "kysely";
import type { IndexTerm, PostIndexScope, SearchIndexEngine } from "./search";

// tsvector columns with GIN indexes. The tsvector is written as its literal text (`'gram':position`), never through
// a text search parser, so each gram is exactly one lexeme whatever the database's locale. A post has two: its title
// alone (the title scope) and its title and body; so neither scope needs the GIN index to be rechecked for weights.

/** The highest position a tsvector keeps; later ones wrap round (see the ADR: at worst a rare extra match). */
const MAX_POSITION = 16383;

function lexeme(gram: string): string {
  return `'${gram.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** A tsvector literal of grams in order (a title's, then a body's). */
export function tsvectorText(...groups: (readonly string[])[]): string {
  return groups
    .flat()
    .map((gram, position) => `${lexeme(gram)}:${(position % MAX_POSITION) + 1}`)
    .join(" ");
}

function termQuery(term: IndexTerm): string {
  if (term.prefix) return `${lexeme(term.grams[0])}:*`;
  return term.grams.map(lexeme).join(" <-> ");
}

/** Every term must match (AND); each term is a phrase of adjacent grams, or a prefix. */
export function tsqueryText(terms: readonly IndexTerm[]): string {
  return terms.map((term) => `(${termQuery(term)})`).join(" & ");
}

export const postgresSearchIndex: SearchIndexEngine = {
  tables: ["post_search", "comment_search"],
  // One statement per batch, each column one array parameter, so a rebuild costs a round trip per batch.
  async writePosts(db, posts) {
    const ids = posts.map((post) => post.id);
    const titles = posts.map((post) => tsvectorText(post.titleGrams));
    const terms = posts.map((post) => tsvectorText(post.titleGrams, post.bodyGrams));
    await sql`insert into post_search (post_id, title, terms)
      select * from unnest(cast(${ids} as bigint[]), cast(${titles} as tsvector[]), cast(${terms} as tsvector[]))
      on conflict (post_id) do update set title = excluded.title, terms = excluded.terms`.execute(db);
  },
  async removePost(db, postId) {
    await sql`delete from post_search where post_id = ${postId}`.execute(db);
  },
  async writeComments(db, comments) {
    const ids = comments.map((comment) => comment.id);
    const terms = comments.map((comment) => tsvectorText(comment.bodyGrams));
    await sql`insert into comment_search (comment_id, terms)
      select * from unnest(cast(${ids} as bigint[]), cast(${terms} as tsvector[]))
      on conflict (comment_id) do update set terms = excluded.terms`.execute(db);
  },
  async removeComment(db, commentId) {
    await sql`delete from comment_search where comment_id = ${commentId}`.execute(db);
  },
  async clear(db) {
    await sql`truncate post_search, comment_search`.execute(db);
  },
  postHits(terms, scope: PostIndexScope) {
    const column = sql.ref(scope === "title" ? "title" : "terms");
    return sql<{ id: number }>`(select post_id as id from post_search
      where ${column} @@ cast(${tsqueryText(terms)} as tsquery))`.as("hits");
  },
  commentHits(terms) {
    return sql<{ id: number }>`(select comment_id as id from comment_search
      where terms @@ cast(${tsqueryText(terms)} as tsquery))`.as("hits");
  },
};
