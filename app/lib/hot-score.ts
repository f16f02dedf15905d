/**
 * The HOT (핫게) score of a post: attention, weighted by how much each kind costs the reader, decaying with age like
 * Hacker News's gravity. Why these weights: docs/decisions/022-hot-ranking.md.
 *
 *   score = (VIEW_WEIGHT · log2(1 + views) + COMMENT_WEIGHT · comments + SCRAP_WEIGHT · scraps) / (ageHours + 2)^GRAVITY
 */
export const VIEW_WEIGHT = 1;
export const COMMENT_WEIGHT = 2;
export const SCRAP_WEIGHT = 4;
export const GRAVITY = 1.5;
/** Hours added to a post's age, so a brand-new post's score is finite and a first hour's few views do not win. */
export const AGE_OFFSET_HOURS = 2;

const HOUR_MS = 60 * 60 * 1000;

export interface HotCandidate {
  viewCount: number;
  commentCount: number;
  scrapCount: number;
  createdAt: number;
}

export function hotScore(post: HotCandidate, now: number): number {
  const attention =
    VIEW_WEIGHT * Math.log2(1 + Math.max(0, post.viewCount)) +
    COMMENT_WEIGHT * Math.max(0, post.commentCount) +
    SCRAP_WEIGHT * Math.max(0, post.scrapCount);
  // A post dated ahead of this server's clock (another server's clock) counts as new, never as negative age.
  const ageHours = Math.max(0, now - post.createdAt) / HOUR_MS;
  return attention / (ageHours + AGE_OFFSET_HOURS) ** GRAVITY;
}

/**
 * The ranking: posts with any attention, hottest first (ties: the newer post first), at most `perBoard` of each
 * board, each with its place (1 is the hottest) among those kept.
 */
export function rankHotPosts<Post extends HotCandidate & { id: number; boardId: number }>(
  posts: readonly Post[],
  now: number,
  perBoard: number,
): { post: Post; score: number; place: number }[] {
  const scored = posts
    .map((post) => ({ post, score: hotScore(post, now) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || b.post.id - a.post.id);
  const keptPerBoard = new Map<number, number>();
  const kept = scored.filter(({ post }) => {
    const count = keptPerBoard.get(post.boardId) ?? 0;
    keptPerBoard.set(post.boardId, count + 1);
    return count < perBoard;
  });
  return kept.map((entry, index) => ({ ...entry, place: index + 1 }));
}
