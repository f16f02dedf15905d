import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code, so it carries its own copy of the tokenizer of the
// day (app/lib/search-text.ts) to index the rows that exist; `npm run search:reindex` rebuilds with the current one.
// The search index (docs/decisions/020-korean-search.md): each word of a title, body or comment as its bigrams plus
// its last character, space-separated. SQLite: FTS5 tables, contentless, rowid = post or comment id. PostgreSQL:
// tsvectors per post (its title, and its title and body) and per comment, written as literals, with GIN indexes.
// FTS5 keeps a one-character prefix index too (prefix = '1'), so a one-character term reads one list, not every
// bigram starting with that character.

const BATCH = 1000;
const MAX_POSITION = 16383;

function grams(text: string): string[] {
  const normalized = text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/(?<=\p{N}),(?=\p{N})/gu, "");
  const words = [...new Set(normalized.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])];
  return words.flatMap((word) => {
    const chars = [...word];
    const pieces: string[] = [];
    for (let i = 0; i + 1 < chars.length; i++) pieces.push(chars[i] + chars[i + 1]);
    pieces.push(chars[chars.length - 1]);
    return pieces;
  });
}

function tsvectorText(groups: string[][]): string {
  const lexeme = (piece: string) => `'${piece.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
  return groups
    .flat()
    .map((piece, position) => `${lexeme(piece)}:${(position % MAX_POSITION) + 1}`)
    .join(" ");
}

async function createIndexTables(db: Kysely<any>, postgres: boolean, idType: "integer" | "bigint") {
  if (!postgres) {
    const options = sql`tokenize = 'ascii', content = '', contentless_delete = 1, prefix = '1'`;
    await sql`create virtual table post_search using fts5 (title, body, ${options})`.execute(db);
    await sql`create virtual table comment_search using fts5 (body, ${options})`.execute(db);
    return;
  }
  await db.schema
    .createTable("post_search")
    .addColumn("post_id", idType, (c) => c.primaryKey().references("posts.id").onDelete("cascade"))
    .addColumn("title", sql`tsvector`, (c) => c.notNull())
    .addColumn("terms", sql`tsvector`, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("comment_search")
    .addColumn("comment_id", idType, (c) => c.primaryKey().references("comments.id").onDelete("cascade"))
    .addColumn("terms", sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`create index post_search_title on post_search using gin (title)`.execute(db);
  await sql`create index post_search_terms on post_search using gin (terms)`.execute(db);
  await sql`create index comment_search_terms on comment_search using gin (terms)`.execute(db);
}

/** Reads a table's live rows in id order, a batch at a time, and indexes each. */
async function indexRows(
  db: Kysely<any>,
  table: "posts" | "comments",
  columns: string[],
  write: (row: any) => Promise<unknown>,
) {
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom(table)
      .select(["id", ...columns])
      .where("id", ">", after)
      .where("deleted_at", "is", null)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) await write(row);
    after = Number(rows[rows.length - 1].id);
  }
}

function indexPosts(db: Kysely<any>, postgres: boolean) {
  return indexRows(db, "posts", ["title", "body_md"], (row) => {
    const [title, body] = [grams(row.title), grams(row.body_md)];
    if (!postgres) {
      return sql`insert into post_search (rowid, title, body)
        values (${row.id}, ${title.join(" ")}, ${body.join(" ")})`.execute(db);
    }
    const [titleTerms, terms] = [tsvectorText([title]), tsvectorText([title, body])];
    return sql`insert into post_search (post_id, title, terms)
      values (${row.id}, cast(${titleTerms} as tsvector), cast(${terms} as tsvector))`.execute(db);
  });
}

function indexComments(db: Kysely<any>, postgres: boolean) {
  return indexRows(db, "comments", ["body"], (row) => {
    const body = grams(row.body);
    if (!postgres)
      return sql`insert into comment_search (rowid, body) values (${row.id}, ${body.join(" ")})`.execute(db);
    return sql`insert into comment_search (comment_id, terms)
      values (${row.id}, cast(${tsvectorText([body])} as tsvector))`.execute(db);
  });
}

export async function up(db: Kysely<any>): Promise<void> {
  const { name, columnTypes } = schemaDialect(db);
  const postgres = name === "postgres";
  await createIndexTables(db, postgres, columnTypes.id);
  await indexPosts(db, postgres);
  await indexComments(db, postgres);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("comment_search").execute();
  await db.schema.dropTable("post_search").execute();
}
