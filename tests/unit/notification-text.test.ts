import { commentHref } from "~/lib/comment-query";
import { notificationLinkLabel, notificationLinkText, notificationMessage } from "~/lib/notification-text";

describe("the header's 알림 link", () => {
  it("shows the unread count, or no number when nothing is unread", () => {
    expect(notificationLinkText(0)).toBe("알림");
    expect(notificationLinkText(3)).toBe("알림 3");
  });

  it("names itself for screen readers, keeping the visible words", () => {
    expect(notificationLinkLabel(3)).toBe("알림 3개 안 읽음");
    expect(notificationLinkLabel(0)).toBe("알림, 안 읽은 알림 없음");
    for (const unread of [0, 1, 12]) expect(notificationLinkLabel(unread)).toContain(notificationLinkText(unread));
  });
});

describe("a notification's line", () => {
  const line = { actorName: "홍길동", aboutComment: true };

  it("names the one commenter, and counts several without names", () => {
    expect(notificationMessage({ ...line, kind: "comment", count: 1 })).toBe("홍길동님이 내 글에 댓글을 달았습니다");
    expect(notificationMessage({ ...line, kind: "comment", count: 3 })).toBe("내 글에 새 댓글 3개");
    expect(notificationMessage({ ...line, kind: "reply", count: 1 })).toBe("홍길동님이 내 댓글에 답글을 달았습니다");
    expect(notificationMessage({ ...line, kind: "reply", count: 2 })).toBe("내 댓글에 새 답글 2개");
  });

  it("says which of the member's things was blinded or restored, naming no one", () => {
    const moderation = { actorName: "", count: 1 };
    expect(notificationMessage({ ...moderation, kind: "blind", aboutComment: false })).toBe(
      "내 글이 블라인드 처리되었습니다",
    );
    expect(notificationMessage({ ...moderation, kind: "restore", aboutComment: true })).toBe(
      "내 댓글이 복구되었습니다",
    );
  });
});

describe("a comment's address", () => {
  it("shows enough threads, in whole pages of 20, for the comment to be on the page", () => {
    expect(commentHref("/square/7", 1, 42)).toBe("/square/7?comments=20#comment-42");
    expect(commentHref("/square/7", 20, 42)).toBe("/square/7?comments=20#comment-42");
    expect(commentHref("/square/7", 21, 42, { blocked: "1" })).toBe("/square/7?comments=40&blocked=1#comment-42");
  });
});
