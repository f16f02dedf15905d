/** What a notice wears in the lists: its category's own badge (이벤트 and the like) or 공지. */
export function NoticeBadge({ badge }: { badge: string | null }) {
  return <span className={badge ? "badge badge--category" : "badge"}>{badge ?? "공지"}</span>;
}
