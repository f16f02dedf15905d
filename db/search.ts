import type { AliasedRawBuilder } from "kysely";
import { engineOf, type AnyKysely, type EngineName } from "./engine";
import { postgresSearchIndex } from "./search-postgres";
import { sqliteSearchIndex } from "./search-sqlite";

/** One query term: its bigrams in order (a phrase), or a single character matched as a prefix. */
export interface IndexTerm {
  grams: readonly string[];
  prefix: boolean;
}

/** Where post terms are looked for: the title alone, or title and body. */
export type PostIndexScope = "title" | "title_body";

/** A derived table `hits(id)` of the ids a query matches, read newest (highest id) first when it leads the join. */
export type SearchHits = AliasedRawBuilder<{ id: number }, "hits">;

/**
 * The search index of each engine behind one interface (docs/decisions/020-korean-search.md): SQLite keeps it in FTS5
 * tables, PostgreSQL in tsvector columns with GIN indexes. Everything handed in is already grams (letters and digits
 * only, see app/lib/search-text.ts); what reaches the engine's query language is built here from those alone.
 */
export interface SearchIndexEngine {
  /** The tables the index lives in (FTS5 keeps shadow tables beside its own), none of them a board table. */
  tables: readonly string[];
  /** Writes (or rewrites) posts' entries; a rebuild hands a whole batch at once. */
  writePosts(db: AnyKysely, posts: readonly { id: number; titleGrams: string[]; bodyGrams: string[] }[]): Promise<void>;
  removePost(db: AnyKysely, postId: number): Promise<void>;
  writeComments(db: AnyKysely, comments: readonly { id: number; bodyGrams: string[] }[]): Promise<void>;
  removeComment(db: AnyKysely, commentId: number): Promise<void>;
  /** Empties the index, before a rebuild. */
  clear(db: AnyKysely): Promise<void>;
  postHits(terms: readonly IndexTerm[], scope: PostIndexScope): SearchHits;
  commentHits(terms: readonly IndexTerm[]): SearchHits;
}

const ENGINES: Record<EngineName, SearchIndexEngine> = { sqlite: sqliteSearchIndex, postgres: postgresSearchIndex };

/** The search index of the engine behind `db`. */
export function searchIndexOf(db: AnyKysely): SearchIndexEngine {
  return ENGINES[engineOf(db).name];
}
