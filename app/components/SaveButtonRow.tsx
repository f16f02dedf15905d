import { FormError } from "./FormError";

/** The end of a settings form: its refusal or its confirmation, and the 저장 button. */
export function SaveButtonRow({ error, saved }: { error?: string | null; saved: boolean }) {
  return (
    <>
      <FormError message={error} />
      {saved ? (
        <p className="form-success" role="status">
          저장했습니다.
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button--primary">
          저장
        </button>
      </div>
    </>
  );
}
