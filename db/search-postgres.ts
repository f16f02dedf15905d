import { sql } from "kysely";
import type { IndexTerm, PostIndexScope, SearchIndexEngine } from "./search";

// tsvector columns with GIN indexes. The tsvector is written as its literal text (`'gram':position`), never through
// a text search parser, so each gram is exactly one lexeme whatever the database's locale. A post's title grams carry
// weight A, which is how the title scope asks for the title alone.

/** The highest position a tsvector keeps; later ones wrap round (see the ADR: at worst a rare extra match). */
const MAX_POSITION = 16383;

function lexeme(gram: string): string {
  return `'${gram.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** A tsvector literal of grams in order; `weight` marks all of them (A for a title). */
export function tsvectorText(groups: { grams: readonly string[]; weight: "A" | "" }[]): string {
  const entries: string[] = [];
  let position = 0;
  for (const { grams, weight } of groups) {
    for (const gram of grams) {
      entries.push(`${lexeme(gram)}:${(position % MAX_POSITION) + 1}${weight}`);
      position++;
    }
  }
  return entries.join(" ");
}

function termQuery(term: IndexTerm, weight: "A" | ""): string {
  if (term.prefix) return `${lexeme(term.grams[0])}:*${weight}`;
  return term.grams.map((gram) => `${lexeme(gram)}${weight ? `:${weight}` : ""}`).join(" <-> ");
}

/** Every term must match (AND); each term is a phrase of adjacent grams, or a prefix. */
export function tsqueryText(terms: readonly IndexTerm[], weight: "A" | ""): string {
  return terms.map((term) => `(${termQuery(term, weight)})`).join(" & ");
}

export const postgresSearchIndex: SearchIndexEngine = {
  tables: ["post_search", "comment_search"],
  async writePost(db, post) {
    const terms = tsvectorText([
      { grams: post.titleGrams, weight: "A" },
      { grams: post.bodyGrams, weight: "" },
    ]);
    await sql`insert into post_search (post_id, terms) values (${post.id}, cast(${terms} as tsvector))
      on conflict (post_id) do update set terms = excluded.terms`.execute(db);
  },
  async removePost(db, postId) {
    await sql`delete from post_search where post_id = ${postId}`.execute(db);
  },
  async writeComment(db, comment) {
    const terms = tsvectorText([{ grams: comment.bodyGrams, weight: "" }]);
    await sql`insert into comment_search (comment_id, terms) values (${comment.id}, cast(${terms} as tsvector))
      on conflict (comment_id) do update set terms = excluded.terms`.execute(db);
  },
  async removeComment(db, commentId) {
    await sql`delete from comment_search where comment_id = ${commentId}`.execute(db);
  },
  async clear(db) {
    await sql`truncate post_search, comment_search`.execute(db);
  },
  postHits(terms, scope: PostIndexScope) {
    const query = tsqueryText(terms, scope === "title" ? "A" : "");
    return sql<{ id: number }>`(select post_id as id from post_search where terms @@ cast(${query} as tsquery))`.as(
      "hits",
    );
  },
  commentHits(terms) {
    const query = tsqueryText(terms, "");
    return sql<{
      id: number;
    }>`(select comment_id as id from comment_search where terms @@ cast(${query} as tsquery))`.as("hits");
  },
};
