import type { NotificationKind } from "#db/types";

// The words of notifications (알림), shared by the header and /notifications.

/** The header link: `알림 3`, or `알림` alone when nothing is unread. */
export function notificationLinkText(unread: number): string {
  return unread > 0 ? `알림 ${unread}` : "알림";
}

/** What a screen reader says for the header link. */
export function notificationLinkLabel(unread: number): string {
  return unread > 0 ? `알림 ${unread}개 안 읽음` : "알림, 안 읽은 알림 없음";
}

/** One line of /notifications: who did what to which of the member's things. */
export function notificationMessage(line: {
  kind: NotificationKind;
  count: number;
  actorName: string;
  aboutComment: boolean;
}): string {
  const mine = line.aboutComment ? "내 댓글" : "내 글";
  switch (line.kind) {
    case "comment":
      return line.count > 1 ? `내 글에 새 댓글 ${line.count}개` : `${line.actorName}님이 내 글에 댓글을 달았습니다`;
    case "reply":
      return line.count > 1 ? `내 댓글에 새 답글 ${line.count}개` : `${line.actorName}님이 내 댓글에 답글을 달았습니다`;
    case "blind":
      return `${mine}이 블라인드 처리되었습니다`;
    case "restore":
      return `${mine}이 복구되었습니다`;
  }
}
