import { FormError } from "~/components/FormError";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { blockListIntents, UNBLOCKED_PARAM } from "~/actions/block-intents.server";
import { requireUser } from "~/auth/session.server";
import { Pagination } from "~/components/Pagination";
import { SettingsNav } from "~/components/SettingsNav";
import { formatCount, formatFullDate, isoDate } from "~/lib/format";
import { readForm } from "~/lib/form-submission.server";
import { runIntent } from "~/lib/intents.server";
import { submitInPlace } from "~/lib/in-place-submit";
import { assertSameOrigin } from "~/lib/origin.server";
import { BLOCK_LIMIT, listBlocks } from "~/models/blocks.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("차단 목록", "차단한 회원을 확인하고 차단을 풉니다.");

const BLOCK_FORM_MAX_BYTES = 1024;
const UNBLOCK_FETCHER_KEY = "unblock";

function pageOf(url: URL): number {
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  const url = new URL(request.url);
  const list = await listBlocks(context.db, user.id, pageOf(url));
  // The limit comes with the data: the page's browser bundle does not carry server modules.
  return { ...list, blockLimit: BLOCK_LIMIT, justUnblocked: url.searchParams.get(UNBLOCKED_PARAM) === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(context, request);
  const form = await readForm(request, BLOCK_FORM_MAX_BYTES);
  const url = new URL(request.url);
  return runIntent(blockListIntents, form, { db: context.db, user, url, page: pageOf(url) });
}

export default function BlockSettingsPage() {
  const { blocks, total, page, pageCount, blockLimit, justUnblocked } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const unblocked = useFetcher<typeof action>({ key: UNBLOCK_FETCHER_KEY });
  const error = refused?.fieldErrors.blockId ?? refused?.fieldErrors.form;
  return (
    <main>
      <SettingsNav />
      <h1 className="board-title">차단 목록</h1>
      <p className="field-hint">
        차단한 사람의 글은 게시판 목록과 스크랩에서 빠지고, 댓글은 &ldquo;차단한 사용자의 댓글입니다&rdquo;로 접힙니다.
        공지는 언제나 보입니다. 차단해도 상대에게 알리지 않으며, 익명 게시판에서 차단한 사람은 누구인지 보여 주지 않고
        차단한 글이나 댓글로만 표시합니다. {formatCount(blockLimit)}명까지 차단할 수 있습니다.
      </p>
      <FormError message={error} />
      <p className="form-success" role="status">
        {justUnblocked || unblocked.data?.accepted ? "차단을 풀었습니다." : ""}
      </p>
      <p className="status-line">차단한 사람 {formatCount(total)}명</p>
      <ol className="scrap-list">
        {blocks.map((block) => (
          <BlockRow key={block.id} block={block} />
        ))}
      </ol>
      {blocks.length === 0 ? <p className="empty-row">차단한 사람이 없습니다.</p> : null}
      <Pagination page={page} pageCount={pageCount} href={(p) => `/settings/blocks?page=${p}`} />
    </main>
  );
}

type BlockRowData = ReturnType<typeof useLoaderData<typeof loader>>["blocks"][number];

function BlockRow({ block }: { block: BlockRowData }) {
  const fetcher = useFetcher({ key: UNBLOCK_FETCHER_KEY });
  const itemPath = `/${block.boardSlug}/${block.postId}${block.commentId === null ? "" : `#comment-${block.commentId}`}`;
  const who = block.commentId === null ? "이 글의 작성자" : "이 댓글의 작성자";
  return (
    <li className="panel scrap">
      <div className="post-meta">
        <span>{block.boardName}</span>
        <span>
          차단 <time dateTime={isoDate(block.createdAt)}>{formatFullDate(block.createdAt)}</time>
        </span>
      </div>
      <h2 className="scrap__title">
        {who}
        {block.username === null ? null : ` (${block.username})`}:{" "}
        {block.postDeleted ? <del>{block.snapshot}</del> : <Link to={itemPath}>{block.snapshot}</Link>}
      </h2>
      <fetcher.Form
        method="post"
        // With JavaScript the row leaves in place; without it the form posts and the page comes back.
        onSubmit={(event) => submitInPlace(fetcher, event)}
      >
        <input type="hidden" name="intent" value="unblock" />
        <input type="hidden" name="blockId" value={block.id} />
        <button
          type="submit"
          className="button"
          disabled={fetcher.state !== "idle"}
          aria-label={`${who}: ${block.snapshot} 차단 풀기`}
        >
          차단 풀기
        </button>
      </fetcher.Form>
    </li>
  );
}
