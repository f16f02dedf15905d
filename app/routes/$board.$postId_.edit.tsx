import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { assertNotSuspended, suspensionNoticeFor } from "~/auth/active-member.server";
import { requireUser } from "~/auth/session.server";
import { PostEditor } from "~/components/PostEditor";
import { SuspensionNotice } from "~/components/SuspensionNotice";
import { forbidden, notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { assertSameOrigin } from "~/lib/origin.server";
import { editorAnswer, readPostSubmission, writableCategories } from "~/actions/post-submission.server";
import { keepRetryAfter } from "~/lib/retry-after";
import { getBoardBySlug } from "~/models/boards.server";
import { canModify } from "~/models/permissions";
import { getPostForEdit, updatePost } from "~/models/posts.server";
import { pageMeta } from "~/lib/page-meta";

export const headers = keepRetryAfter;

export const meta: MetaFunction = () => pageMeta("글 수정", "마당에 쓴 글을 고칩니다.");

async function loadEditablePost({ params, context, request }: LoaderFunctionArgs) {
  const postId = parseId(params.postId);
  const post = postId === null ? null : await getPostForEdit(context.db, postId);
  if (!post || post.boardSlug !== params.board) throw notFound("없는 글이거나 삭제된 글입니다.");
  const user = await requireUser(context, request);
  if (!canModify(user, post.authorId)) throw forbidden("글쓴이나 관리자만 수정할 수 있습니다.");
  const board = await getBoardBySlug(context.db, post.boardSlug);
  if (!board) throw notFound("없는 게시판입니다.");
  return { post, user, board };
}

export async function loader(args: LoaderFunctionArgs) {
  const { post, user, board } = await loadEditablePost(args);
  return {
    post: { id: post.id, category: post.categorySlug ?? "", title: post.title, body: post.bodyMd },
    board: { slug: board.slug, name: board.name },
    categories: writableCategories(board, user),
    suspensionNotice: await suspensionNoticeFor(args.context.db, user),
  };
}

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request);
  const { post, user, board } = await loadEditablePost(args);
  await assertNotSuspended(args.context.db, user);
  const submission = await readPostSubmission(args.context.db, args.request, board, user);
  if (submission.intent === "save" && submission.content) {
    const outcome = await updatePost(args.context.db, post.id, user, submission.content);
    if (outcome === "forbidden") throw forbidden("글쓴이나 관리자만 수정할 수 있습니다.");
    if (outcome === "not-found") throw notFound("없는 글이거나 삭제된 글입니다.");
    return redirect(`/${board.slug}/${post.id}`, 303);
  }
  return editorAnswer(submission);
}

export default function EditPage() {
  const { post, board, categories, suspensionNotice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const postHref = `/${board.slug}/${post.id}`;
  return (
    <main className="panel">
      <h1 className="board-title">글 수정</h1>
      {suspensionNotice ? (
        <SuspensionNotice message={suspensionNotice} backHref={postHref} />
      ) : (
        <PostEditor
          categories={categories}
          values={result?.values ?? post}
          fieldErrors={result?.fieldErrors ?? {}}
          previewHtml={result?.previewHtml ?? null}
          submitLabel="수정"
          cancelHref={postHref}
        />
      )}
    </main>
  );
}
