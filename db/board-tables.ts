import type { Database } from "./types";

/** Every column of a table, checked against db/types.ts: a column added there and not here fails to compile. */
type EveryColumn<Table> = { [Column in keyof Table]-?: true };

interface TableSpec<Table> {
  columns: EveryColumn<Table>;
  /** The database numbers `id` itself, so its generator must move past copied ids. */
  numbered: boolean;
  /** The primary key, in the order rows are read in. */
  key: readonly (keyof Table & string)[];
  /** Integer columns whose sums must match after a copy: ids as a checksum, and the counters the app keeps. */
  sums: readonly (keyof Table & string)[];
}

/**
 * Every table of a board, in an order that satisfies foreign keys: a table comes after those it refers to (and
 * comments refer to earlier comments, so they go in id order). Migrator bookkeeping (kysely_migration*) is not a
 * board table: each database keeps its own.
 */
export const BOARD_TABLES: { [Name in keyof Database]: TableSpec<Database[Name]> } = {
  users: {
    numbered: true,
    columns: {
      id: true,
      username: true,
      password_hash: true,
      role: true,
      created_at: true,
      unread_notifications: true,
      notify_comment: true,
      notify_reply: true,
      notify_moderation: true,
    },
    key: ["id"],
    sums: ["id", "unread_notifications"],
  },
  sessions: {
    numbered: false,
    columns: { id: true, user_id: true, expires_at: true },
    key: ["id"],
    sums: ["user_id"],
  },
  login_failures: {
    numbered: true,
    columns: { id: true, ip: true, username: true, created_at: true, device: true },
    key: ["id"],
    sums: ["id"],
  },
  known_devices: {
    numbered: false,
    columns: { token_hash: true, user_id: true, created_at: true },
    key: ["token_hash", "user_id"],
    sums: ["user_id"],
  },
  boards: {
    numbered: true,
    columns: {
      id: true,
      slug: true,
      name: true,
      description: true,
      is_anonymous: true,
      position: true,
      post_count: true,
      created_at: true,
      list_version: true,
      rank_version: true,
      report_threshold: true,
    },
    key: ["id"],
    sums: ["id", "post_count", "list_version", "rank_version"],
  },
  categories: {
    numbered: true,
    columns: {
      id: true,
      board_id: true,
      slug: true,
      name: true,
      position: true,
      admin_only: true,
      post_count: true,
      notice_badge: true,
    },
    key: ["id"],
    sums: ["id", "post_count"],
  },
  posts: {
    numbered: true,
    columns: {
      id: true,
      board_id: true,
      category_id: true,
      author_id: true,
      title: true,
      body_md: true,
      body_html: true,
      is_anonymous: true,
      view_count: true,
      comment_count: true,
      scrap_count: true,
      notice_scope: true,
      notice_order: true,
      created_at: true,
      updated_at: true,
      deleted_at: true,
      report_count: true,
      blinded_at: true,
      has_images: true,
    },
    key: ["id"],
    sums: ["id", "view_count", "comment_count", "scrap_count", "report_count", "has_images"],
  },
  comments: {
    numbered: true,
    columns: {
      id: true,
      post_id: true,
      author_id: true,
      parent_id: true,
      body: true,
      is_anonymous: true,
      created_at: true,
      deleted_at: true,
      report_count: true,
      blinded_at: true,
    },
    key: ["id"],
    sums: ["id", "post_id", "report_count"],
  },
  scraps: {
    numbered: false,
    columns: { user_id: true, post_id: true, memo: true, created_at: true },
    key: ["user_id", "post_id"],
    sums: ["user_id", "post_id"],
  },
  post_views: {
    numbered: false,
    columns: { post_id: true, reader_key: true, viewed_at: true },
    key: ["post_id", "reader_key"],
    sums: ["post_id"],
  },
  post_address_views: {
    numbered: false,
    columns: { post_id: true, address_hash: true, view_day: true, views: true },
    key: ["post_id", "address_hash", "view_day"],
    sums: ["post_id", "views"],
  },
  server_secrets: {
    numbered: false,
    columns: { name: true, value: true },
    key: ["name"],
    sums: [],
  },
  user_excluded_categories: {
    numbered: false,
    columns: { user_id: true, category_slug: true },
    key: ["user_id", "category_slug"],
    sums: ["user_id"],
  },
  admin_actions: {
    numbered: true,
    columns: {
      id: true,
      admin_id: true,
      action: true,
      target_kind: true,
      target_id: true,
      summary: true,
      reason: true,
      created_at: true,
    },
    key: ["id"],
    sums: ["id", "admin_id"],
  },
  blocks: {
    numbered: true,
    columns: {
      id: true,
      blocker_id: true,
      blocked_id: true,
      post_id: true,
      comment_id: true,
      is_anonymous: true,
      snapshot: true,
      created_at: true,
    },
    key: ["id"],
    sums: ["id", "blocker_id", "blocked_id"],
  },
  suspensions: {
    numbered: true,
    columns: {
      id: true,
      user_id: true,
      admin_id: true,
      reason: true,
      starts_at: true,
      ends_at: true,
      lifted_at: true,
      lifted_by: true,
    },
    key: ["id"],
    sums: ["id", "user_id"],
  },
  signup_addresses: {
    numbered: true,
    columns: { id: true, address: true, created_at: true },
    key: ["id"],
    sums: ["id"],
  },
  reports: {
    numbered: true,
    columns: {
      id: true,
      post_id: true,
      comment_id: true,
      reporter_id: true,
      reason: true,
      detail: true,
      created_at: true,
      reviewed_at: true,
    },
    key: ["id"],
    sums: ["id", "post_id"],
  },
  uploads: {
    numbered: true,
    columns: {
      id: true,
      hash: true,
      format: true,
      width: true,
      height: true,
      bytes: true,
      uploader_id: true,
      created_at: true,
      last_uploaded_at: true,
    },
    key: ["id"],
    sums: ["id", "bytes"],
  },
  post_images: {
    numbered: false,
    columns: { post_id: true, upload_id: true },
    key: ["post_id", "upload_id"],
    sums: ["post_id", "upload_id"],
  },
  upload_events: {
    numbered: true,
    columns: { id: true, user_id: true, created_at: true },
    key: ["id"],
    sums: ["id", "user_id"],
  },
  hot_posts: {
    numbered: false,
    columns: { post_id: true, board_id: true, place: true, score: true },
    key: ["post_id"],
    sums: ["post_id", "place"],
  },
  hot_ranking: {
    numbered: false,
    columns: { id: true, computed_at: true },
    key: ["id"],
    sums: ["id"],
  },
  notifications: {
    numbered: true,
    columns: {
      id: true,
      recipient_id: true,
      kind: true,
      post_id: true,
      comment_id: true,
      parent_comment_id: true,
      event_count: true,
      actor_name: true,
      created_at: true,
      updated_at: true,
      read_at: true,
    },
    key: ["id"],
    sums: ["id", "recipient_id", "event_count"],
  },
};

export type BoardTableName = keyof Database;

export const BOARD_TABLE_NAMES = Object.keys(BOARD_TABLES) as BoardTableName[];

/** Tables whose `id` the database numbers itself, whose generators must move past copied ids. */
export const NUMBERED_TABLE_NAMES = BOARD_TABLE_NAMES.filter((name) => BOARD_TABLES[name].numbered);

export function columnsOf(name: BoardTableName): string[] {
  return Object.keys(BOARD_TABLES[name].columns);
}
