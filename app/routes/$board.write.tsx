import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { PostEditor } from "~/components/PostEditor";
import { notFound } from "~/lib/http.server";
import { assertSameOrigin } from "~/lib/origin.server";
import { editorAnswer, readPostSubmission, writableCategories } from "~/actions/post-submission.server";
import { getBoardBySlug } from "~/models/boards.server";
import { createPost } from "~/models/posts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `글쓰기 - ${data?.board.name ?? ""} - 마당` }];

async function loadBoard(slug: string | undefined, db: Parameters<typeof getBoardBySlug>[0]) {
  const board = await getBoardBySlug(db, slug ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  return board;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const board = await loadBoard(params.board, context.db);
  const user = await requireUser(context.db, request);
  return {
    board: { slug: board.slug, name: board.name },
    categories: writableCategories(board, user),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const board = await loadBoard(params.board, context.db);
  const user = await requireUser(context.db, request);
  const submission = await readPostSubmission(request, board, user);
  if (submission.intent === "save" && submission.content) {
    const postId = await createPost(context.db, { ...submission.content, boardId: board.id, authorId: user.id });
    return redirect(`/${board.slug}/${postId}`, 303);
  }
  return editorAnswer(submission);
}

export default function WritePage() {
  const { board, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="panel">
      <h1 className="board-title">{board.name} 글쓰기</h1>
      <PostEditor
        categories={categories}
        values={result?.values ?? { category: "", title: "", body: "" }}
        fieldErrors={result?.fieldErrors ?? {}}
        previewHtml={result?.previewHtml ?? null}
        submitLabel="등록"
        cancelHref={`/${board.slug}`}
      />
    </main>
  );
}
