import type { Kysely } from "kysely";
import { searchIndexOf } from "#db/search";
import type { Database } from "#db/types";
import { textOfHtml } from "~/lib/html-text.server";
import { indexedGrams } from "~/lib/search-text";
import { isLive } from "./post-queries.server";

// Keeping the search index current: every write of a post or comment calls these inside its own transaction, so the
// index never disagrees with the tables it was read from. Blinding is not written here: searches leave blinded rows
// out when they read (app/models/search.server.ts), which also covers a blinding that races a search.

interface IndexedPost {
  id: number;
  title: string;
  /** The stored HTML, not the Markdown: a reader searches for the words they read, never an image's address. */
  bodyHtml: string;
}

interface IndexedComment {
  id: number;
  body: string;
}

function writePosts(db: Kysely<Database>, posts: readonly IndexedPost[]) {
  const grams = posts.map((post) => ({
    id: post.id,
    titleGrams: indexedGrams(post.title),
    bodyGrams: indexedGrams(textOfHtml(post.bodyHtml)),
  }));
  return searchIndexOf(db).writePosts(db, grams);
}

function writeComments(db: Kysely<Database>, comments: readonly IndexedComment[]) {
  const grams = comments.map((comment) => ({ id: comment.id, bodyGrams: indexedGrams(comment.body) }));
  return searchIndexOf(db).writeComments(db, grams);
}

export function indexPost(db: Kysely<Database>, post: IndexedPost) {
  return writePosts(db, [post]);
}

export function unindexPost(db: Kysely<Database>, postId: number) {
  return searchIndexOf(db).removePost(db, postId);
}

export function indexComment(db: Kysely<Database>, comment: IndexedComment) {
  return writeComments(db, [comment]);
}

export function unindexComment(db: Kysely<Database>, commentId: number) {
  return searchIndexOf(db).removeComment(db, commentId);
}

const REINDEX_BATCH = 2000;

/** Reads a table's live rows in id order, a batch at a time, and indexes each batch in one transaction. */
async function reindexTable<Row extends { id: number }>(
  db: Kysely<Database>,
  readAfter: (after: number) => Promise<Row[]>,
  write: (trx: Kysely<Database>, rows: Row[]) => Promise<void>,
  progress: (done: number) => void,
): Promise<number> {
  let done = 0;
  for (let rows = await readAfter(0); rows.length > 0; rows = await readAfter(rows[rows.length - 1].id)) {
    const batch = rows;
    await (db.isTransaction ? write(db, batch) : db.transaction().execute((trx) => write(trx, batch)));
    progress((done += rows.length));
  }
  return done;
}

/**
 * Rebuilds the whole index from the live posts and comments, a batch per transaction (or all in the one given), for a
 * database indexed by an older tokenizer, seeded or copied; `progress` hears how far each table got. Searches
 * meanwhile see the part rebuilt so far.
 */
export async function rebuildSearchIndex(
  db: Kysely<Database>,
  progress: (table: "posts" | "comments", done: number) => void = () => {},
): Promise<{ posts: number; comments: number }> {
  await searchIndexOf(db).clear(db);
  const posts = await reindexTable(
    db,
    (after) =>
      db
        .selectFrom("posts")
        .select(["id", "title", "body_html as bodyHtml"])
        .where("id", ">", after)
        .where(isLive("posts"))
        .orderBy("id")
        .limit(REINDEX_BATCH)
        .execute(),
    writePosts,
    (done) => progress("posts", done),
  );
  const comments = await reindexTable(
    db,
    (after) =>
      db
        .selectFrom("comments")
        .select(["id", "body"])
        .where("id", ">", after)
        .where(isLive("comments"))
        .orderBy("id")
        .limit(REINDEX_BATCH)
        .execute(),
    writeComments,
    (done) => progress("comments", done),
  );
  return { posts, comments };
}
