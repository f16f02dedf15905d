import { useFetcher } from "@remix-run/react";
import { FormToggle } from "./FormToggle";
import { REPORT_DETAIL_MAX_LENGTH } from "~/lib/input-limits";
import { REPORT_REASONS } from "~/lib/report-reasons";

/** The action's answer to a report: a confirmation, or the form's messages with what was sent. */
export interface ReportAnswer {
  values: Record<string, string>;
  fieldErrors: Record<string, string | undefined>;
  accepted?: string;
}

interface ReportFormProps {
  /** The comment reported; the post itself when absent. */
  commentId?: number;
  /** The id of 신고 itself, for the address of the page with this form open to land on. */
  toggleId?: string;
  /** The page's own answer, when the form was sent without JavaScript. */
  answer?: ReportAnswer;
  open: boolean;
  /** The page with this form open (or closed), for 신고 as a link without JavaScript. */
  toggleHref: string;
  onToggle: () => void;
}

/**
 * 신고 and, once opened (FormToggle), the form with the reasons. With JavaScript it is sent in place and the
 * confirmation replaces it; without, the page comes back with the same confirmation or with the form open and its
 * input kept.
 */
export function ReportForm({ commentId, toggleId, answer, open, toggleHref, onToggle }: ReportFormProps) {
  const fetcher = useFetcher<ReportAnswer>();
  const shown = fetcher.data ?? answer;
  const id = commentId === undefined ? "report-post" : `report-comment-${commentId}`;
  if (shown?.accepted) {
    return (
      <p className="report__accepted" role="status">
        {shown.accepted}
      </p>
    );
  }
  const errors = shown?.fieldErrors ?? {};
  return (
    <div className="report">
      <FormToggle id={toggleId} formId={id} open={open} href={toggleHref} onToggle={onToggle}>
        신고
      </FormToggle>
      {open ? (
        <fetcher.Form id={id} method="post" className="report__form" preventScrollReset aria-label="신고">
          <input type="hidden" name="intent" value="report" />
          {commentId === undefined ? null : <input type="hidden" name="commentId" value={commentId} />}
          <fieldset aria-describedby={errors.reason ? `${id}-reason-error` : undefined}>
            <legend>신고 사유</legend>
            {REPORT_REASONS.map((reason) => (
              <label key={reason.value} className="report__reason">
                <input
                  type="radio"
                  name="reason"
                  value={reason.value}
                  defaultChecked={shown?.values.reason === reason.value}
                />{" "}
                {reason.label}
              </label>
            ))}
          </fieldset>
          {errors.reason ? (
            <p id={`${id}-reason-error`} className="field-error" role="alert">
              {errors.reason}
            </p>
          ) : null}
          <label htmlFor={`${id}-detail`}>신고 내용 (기타는 꼭 적어 주세요)</label>
          <textarea
            id={`${id}-detail`}
            name="detail"
            rows={2}
            maxLength={REPORT_DETAIL_MAX_LENGTH}
            defaultValue={shown?.values.detail}
            aria-invalid={errors.detail ? true : undefined}
            aria-describedby={errors.detail ? `${id}-detail-error` : undefined}
          />
          {errors.detail ? (
            <p id={`${id}-detail-error`} className="field-error" role="alert">
              {errors.detail}
            </p>
          ) : null}
          {errors.form ? (
            <p className="field-error" role="alert">
              {errors.form}
            </p>
          ) : null}
          <div>
            <button type="submit" className="button button--danger" disabled={fetcher.state !== "idle"}>
              신고하기
            </button>
          </div>
        </fetcher.Form>
      ) : null}
    </div>
  );
}
