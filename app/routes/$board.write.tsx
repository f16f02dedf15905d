import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireActiveMember, suspensionNoticeFor } from "~/auth/active-member.server";
import { requireUser } from "~/auth/session.server";
import { PostEditor } from "~/components/PostEditor";
import { notFound } from "~/lib/http.server";
import { assertSameOrigin } from "~/lib/origin.server";
import {
  editorAnswer,
  readPostSubmission,
  refusedEditorAnswer,
  writableCategories,
} from "~/actions/post-submission.server";
import { SuspensionNotice } from "~/components/SuspensionNotice";
import { keepRetryAfter } from "~/lib/retry-after";
import { getBoardBySlug } from "~/models/boards.server";
import { createPost } from "~/models/posts.server";
import { currentRateLimits } from "~/models/rate-limits.server";
import { pageMeta } from "~/lib/page-meta";

export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data ? `글쓰기 - ${data.board.name}` : "글쓰기", "마당 게시판에 새 글을 씁니다.");

async function loadBoard(slug: string | undefined, db: Parameters<typeof getBoardBySlug>[0]) {
  const board = await getBoardBySlug(db, slug ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  return board;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const board = await loadBoard(params.board, context.db);
  const user = await requireUser(context, request);
  return {
    board: { slug: board.slug, name: board.name },
    categories: writableCategories(board, user),
    suspensionNotice: await suspensionNoticeFor(context.db, user),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const board = await loadBoard(params.board, context.db);
  const user = await requireActiveMember(context, request);
  const submission = await readPostSubmission(context.db, request, board, user);
  if (submission.intent === "save" && submission.content) {
    const created = await createPost(
      context.db,
      { ...submission.content, boardId: board.id, authorId: user.id },
      { limits: currentRateLimits() },
    );
    if (!created.ok) return refusedEditorAnswer(submission, created.refusal);
    return redirect(`/${board.slug}/${created.postId}`, 303);
  }
  return editorAnswer(submission);
}

export default function WritePage() {
  const { board, categories, suspensionNotice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="panel">
      <h1 className="board-title">{board.name} 글쓰기</h1>
      {suspensionNotice ? (
        <SuspensionNotice message={suspensionNotice} backHref={`/${board.slug}`} />
      ) : (
        <PostEditor
          categories={categories}
          values={result?.values ?? { category: "", title: "", body: "" }}
          fieldErrors={result?.fieldErrors ?? {}}
          previewHtml={result?.previewHtml ?? null}
          submitLabel="등록"
          cancelHref={`/${board.slug}`}
        />
      )}
    </main>
  );
}
