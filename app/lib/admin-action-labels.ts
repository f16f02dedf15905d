import type { AdminAction, AdminActionTarget } from "#db/types";

/** What /admin/log calls each admin action. */
export const ADMIN_ACTION_LABELS: Record<AdminAction, string> = {
  keep_blinded: "블라인드 유지",
  restore: "복구",
  delete_post: "글 삭제",
  delete_comment: "댓글 삭제",
  suspend: "이용 정지",
  lift_suspension: "정지 해제",
  add_notice: "공지로 올리기",
  remove_notice: "공지 내리기",
  move_notice: "공지 순서 변경",
  create_board: "게시판 만들기",
  edit_board: "게시판 설정 변경",
  create_category: "카테고리 만들기",
  edit_category: "카테고리 변경",
};

export const ADMIN_TARGET_LABELS: Record<AdminActionTarget, string> = {
  post: "글",
  comment: "댓글",
  user: "회원",
  board: "게시판",
  category: "카테고리",
};
