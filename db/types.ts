import type { Generated } from "kysely";

export type Role = "member" | "admin";
export type NoticeScope = "none" | "board" | "global";

/** Times are integer milliseconds since the epoch (UTC). Flags are 0 or 1. */
export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: Generated<Role>;
  created_at: number;
  /** The member's unread notification lines, moved in every transaction that adds or reads one. */
  unread_notifications: Generated<number>;
  /** Whether the member wants to be notified of comments on their posts, replies, and blinding or restoring. */
  notify_comment: Generated<number>;
  notify_reply: Generated<number>;
  notify_moderation: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: number;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  ip: string;
  username: string;
  created_at: number;
  /** Token hash of the recognised device the attempt came from (see KnownDevicesTable), else null. */
  device: string | null;
}

/** A browser that logged in to the account: the SHA-256 of its device cookie's token. */
export interface KnownDevicesTable {
  token_hash: string;
  user_id: number;
  created_at: number;
}

export interface BoardsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  is_anonymous: Generated<number>;
  position: Generated<number>;
  post_count: Generated<number>;
  created_at: number;
  /** Bumped whenever the board's list changes; see app/models/board-versions.server.ts. */
  list_version: Generated<number>;
  /** Bumped when older posts change position in the lists; see app/models/list-page-anchors.server.ts. */
  rank_version: Generated<number>;
  /** How many distinct members must report a post or comment for it to be blinded. */
  report_threshold: Generated<number>;
}

export interface CategoriesTable {
  id: Generated<number>;
  board_id: number;
  slug: string;
  name: string;
  position: Generated<number>;
  admin_only: Generated<number>;
  post_count: Generated<number>;
  /** What this category's notices wear in the lists instead of 공지 (이벤트 for events); null for 공지. */
  notice_badge: string | null;
}

export interface PostsTable {
  id: Generated<number>;
  board_id: number;
  category_id: number | null;
  author_id: number;
  title: string;
  body_md: string;
  body_html: string;
  /**
   * Whether the author is hidden (1) or named (0): the board's 익명 setting when the post was written. Not Generated,
   * though the database has a default, so that every insert says it.
   */
  is_anonymous: number;
  view_count: Generated<number>;
  comment_count: Generated<number>;
  scrap_count: Generated<number>;
  notice_scope: Generated<NoticeScope>;
  notice_order: Generated<number>;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  /** Distinct members who reported it; moves with the reports table. */
  report_count: Generated<number>;
  blinded_at: number | null;
  /** 1 when the body shows a picture: the list's picture icon, read without a join. */
  has_images: Generated<number>;
}

export interface CommentsTable {
  id: Generated<number>;
  post_id: number;
  author_id: number;
  parent_id: number | null;
  body: string;
  /** Like PostsTable.is_anonymous: the board's 익명 setting when the comment was written. */
  is_anonymous: number;
  created_at: number;
  deleted_at: number | null;
  report_count: Generated<number>;
  blinded_at: number | null;
}

export interface ScrapsTable {
  user_id: number;
  post_id: number;
  memo: Generated<string>;
  created_at: number;
}

export interface PostViewsTable {
  post_id: number;
  reader_key: string;
  viewed_at: number;
}

/** Views of clients without a reader cookie, per post, address (an HMAC of it) and Korean day; at most 30. */
export interface PostAddressViewsTable {
  post_id: number;
  address_hash: string;
  view_day: number;
  views: number;
}

/** Secrets every process shares, made on first use (the reader cookie's signing key). */
export interface ServerSecretsTable {
  name: string;
  value: string;
}

export interface UserExcludedCategoriesTable {
  user_id: number;
  category_slug: string;
}

/** One admin action, kept for the audit log; the target may since have been deleted. */
export interface AdminActionsTable {
  id: Generated<number>;
  admin_id: number;
  action: AdminAction;
  target_kind: AdminActionTarget;
  target_id: number | null;
  /** What the target was when the action was taken: a title, a comment excerpt, a username or a board name. */
  summary: Generated<string>;
  reason: Generated<string>;
  created_at: number;
}

/** A member's block (차단) of another member, named by the item it was made from; see migrations/*_blocks.ts. */
export interface BlocksTable {
  id: Generated<number>;
  blocker_id: number;
  blocked_id: number;
  /** The post the block was made from, or the post of the comment it was made from. */
  post_id: number;
  comment_id: number | null;
  /** 1 when that item hid its author: the block list then never names the blocked member. */
  is_anonymous: Generated<number>;
  /** The post's title or the comment's opening words, as they were when the block was made. */
  snapshot: string;
  created_at: number;
}

/** One suspension (이용 정지) of a member; ends_at is null for a permanent one, lifted_at set when an admin lifted it. */
export interface SuspensionsTable {
  id: Generated<number>;
  user_id: number;
  admin_id: number;
  reason: string;
  starts_at: number;
  ends_at: number | null;
  lifted_at: number | null;
  lifted_by: number | null;
}

/** A sign-up from a client address, kept only as long as the sign-up limit counts it. */
export interface SignupAddressesTable {
  id: Generated<number>;
  address: string;
  created_at: number;
}

export type ReportReason = "abuse" | "sexual" | "spam" | "privacy" | "conflict" | "other";

/** One member's report (신고) of a post, or of a comment on it. */
export interface ReportsTable {
  id: Generated<number>;
  post_id: number;
  comment_id: number | null;
  reporter_id: number;
  reason: ReportReason;
  detail: Generated<string>;
  created_at: number;
  /** Set when an admin reviewed the item and kept it blinded; open (null) reports make the admin queue. */
  reviewed_at: number | null;
}

export type UploadFormat = "webp" | "gif";

/** An uploaded image, stored once per content (its file is `<hash>.<format>` in the upload storage). */
export interface UploadsTable {
  id: Generated<number>;
  /** SHA-256 of the stored (re-encoded) bytes, in hex. */
  hash: string;
  format: UploadFormat;
  width: number;
  height: number;
  bytes: number;
  /** Who first uploaded it. */
  uploader_id: number | null;
  created_at: number;
  /** The last time anyone uploaded this picture: clean-up spares it for a day from then. */
  last_uploaded_at: number;
}

/** Which live post shows which upload; a deleted post's rows go with it. */
export interface PostImagesTable {
  post_id: number;
  upload_id: number;
}

/** One accepted image from a member, counted by the hourly upload limit. */
export interface UploadEventsTable {
  id: Generated<number>;
  user_id: number;
  created_at: number;
}

/** One post of the HOT ranking (핫게), replaced whole by the periodic job; see app/models/hot-ranking.server.ts. */
export interface HotPostsTable {
  post_id: number;
  board_id: number;
  /** 1 for the hottest post. */
  place: number;
  score: number;
}

/** One row (id 1): when the HOT ranking was last replaced. */
export interface HotRankingTable {
  id: number;
  computed_at: number;
}

export type NotificationKind = "comment" | "reply" | "blind" | "restore";

/** One line of a member's notifications (알림); see migrations/*_notifications.ts. */
export interface NotificationsTable {
  id: Generated<number>;
  recipient_id: number;
  kind: NotificationKind;
  post_id: number;
  /** The latest comment of a collapsed line, or the comment blinded or restored; null for the post itself. */
  comment_id: number | null;
  /** For a reply: the recipient's comment that was answered. */
  parent_comment_id: number | null;
  /** How many comments or replies the unread line stands for. */
  event_count: Generated<number>;
  /** The latest commenter as the line names them: the anonymous name on an anonymous board; "" for moderation. */
  actor_name: Generated<string>;
  created_at: number;
  /** The latest event's time: the order of the page and what pruning goes by. */
  updated_at: number;
  read_at: number | null;
}

export type AdminActionTarget = "post" | "comment" | "user" | "board" | "category";

export type AdminAction =
  | "keep_blinded"
  | "restore"
  | "move_notice"
  | "create_category"
  | "edit_category"
  | "delete_post"
  | "delete_comment"
  | "suspend"
  | "lift_suspension"
  | "add_notice"
  | "remove_notice"
  | "create_board"
  | "edit_board";

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  known_devices: KnownDevicesTable;
  boards: BoardsTable;
  categories: CategoriesTable;
  posts: PostsTable;
  comments: CommentsTable;
  scraps: ScrapsTable;
  post_views: PostViewsTable;
  post_address_views: PostAddressViewsTable;
  server_secrets: ServerSecretsTable;
  user_excluded_categories: UserExcludedCategoriesTable;
  admin_actions: AdminActionsTable;
  blocks: BlocksTable;
  suspensions: SuspensionsTable;
  signup_addresses: SignupAddressesTable;
  reports: ReportsTable;
  uploads: UploadsTable;
  post_images: PostImagesTable;
  upload_events: UploadEventsTable;
  hot_posts: HotPostsTable;
  hot_ranking: HotRankingTable;
  notifications: NotificationsTable;
}
