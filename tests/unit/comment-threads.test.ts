import { appendThreads, mergeNewComments, newestCommentId, type ShownThread } from "~/lib/comment-threads";

interface Comment {
  id: number;
  parentId: number | null;
  body: string;
}

const c = (id: number, parentId: number | null = null): Comment => ({ id, parentId, body: `#${id}` });
const thread = (id: number, ...replyIds: number[]): ShownThread<Comment> => ({
  ...c(id),
  replies: replyIds.map((r) => c(r, id)),
});
const shape = (threads: ShownThread<Comment>[]) => threads.map((t) => [t.id, t.replies.map((r) => r.id)]);

describe("appendThreads", () => {
  it("adds the next page after what is shown", () => {
    expect(shape(appendThreads([thread(1, 2)], [thread(3), thread(4, 5)]))).toEqual([
      [1, [2]],
      [3, []],
      [4, [5]],
    ]);
  });

  it("skips threads already shown, such as one the reader just added", () => {
    expect(shape(appendThreads([thread(1), thread(3)], [thread(3), thread(4)]))).toEqual([
      [1, []],
      [3, []],
      [4, []],
    ]);
  });

  it("does not change the threads it was given", () => {
    const shown = [thread(1)];
    appendThreads(shown, [thread(2)]);
    expect(shape(shown)).toEqual([[1, []]]);
  });
});

describe("mergeNewComments", () => {
  it("puts replies under their thread and new threads at the end, in order", () => {
    const merged = mergeNewComments([thread(1), thread(2, 3)], [c(4, 1), c(5), c(6, 2), c(7, 5)], true);
    expect(shape(merged)).toEqual([
      [1, [4]],
      [2, [3, 6]],
      [5, [7]],
    ]);
  });

  it("ignores comments already shown", () => {
    expect(shape(mergeNewComments([thread(1, 2)], [c(2, 1), c(1), c(3)], true))).toEqual([
      [1, [2]],
      [3, []],
    ]);
  });

  it("holds new threads back while older threads are still unloaded, but places replies to shown ones", () => {
    expect(shape(mergeNewComments([thread(1)], [c(50), c(51, 1), c(52, 50)], false))).toEqual([[1, [51]]]);
  });

  it("drops replies whose thread is not shown", () => {
    expect(shape(mergeNewComments([thread(1)], [c(9, 8)], true))).toEqual([[1, []]]);
  });

  it("does not change the threads it was given", () => {
    const shown = [thread(1)];
    mergeNewComments(shown, [c(2, 1), c(3)], true);
    expect(shape(shown)).toEqual([[1, []]]);
  });
});

describe("newestCommentId", () => {
  it("is the highest id among threads and replies", () => {
    expect(newestCommentId([thread(1, 9), thread(4, 5)])).toBe(9);
    expect(newestCommentId([thread(3), thread(7)])).toBe(7);
  });

  it("is 0 when nothing is shown", () => {
    expect(newestCommentId([])).toBe(0);
  });
});
