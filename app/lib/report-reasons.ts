import type { ReportReason } from "#db/types";

/** The reasons a member may give for a report (신고), in the order the form lists them. */
export const REPORT_REASONS: readonly { value: ReportReason; label: string }[] = [
  { value: "abuse", label: "욕설/비방" },
  { value: "sexual", label: "음란물" },
  { value: "spam", label: "광고/도배" },
  { value: "privacy", label: "개인정보 노출" },
  { value: "conflict", label: "분란 조장" },
  { value: "other", label: "기타" },
];

export function reportReasonLabel(reason: ReportReason): string {
  return REPORT_REASONS.find((r) => r.value === reason)?.label ?? reason;
}
