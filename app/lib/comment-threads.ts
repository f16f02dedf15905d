export interface ShownComment {
  id: number;
  parentId: number | null;
}

export type ShownThread<C extends ShownComment> = C & { replies: C[] };

/** Appends the next page of threads, skipping any already shown. */
export function appendThreads<C extends ShownComment>(
  threads: ShownThread<C>[],
  more: ShownThread<C>[],
): ShownThread<C>[] {
  const shown = new Set(threads.map((t) => t.id));
  return [...threads, ...more.filter((t) => !shown.has(t.id))];
}

/**
 * Places comments written since the reader's newest one: replies under their thread, new threads at the end.
 * While older threads are still unloaded, new threads wait for "댓글 더 보기" so the order stays oldest first.
 */
export function mergeNewComments<C extends ShownComment>(
  threads: ShownThread<C>[],
  fresh: C[],
  allThreadsLoaded: boolean,
): ShownThread<C>[] {
  const known = new Set(threads.flatMap((t) => [t.id, ...t.replies.map((r) => r.id)]));
  const result = threads.map((t) => ({ ...t, replies: [...t.replies] }));
  const byId = new Map(result.map((t) => [t.id, t]));
  for (const comment of fresh) {
    if (known.has(comment.id)) continue;
    if (comment.parentId === null) {
      if (!allThreadsLoaded) continue;
      const thread = { ...comment, replies: [] as C[] };
      result.push(thread);
      byId.set(thread.id, thread);
    } else {
      byId.get(comment.parentId)?.replies.push(comment);
    }
    known.add(comment.id);
  }
  return result;
}

export function newestCommentId(threads: ShownThread<ShownComment>[]): number {
  return threads.reduce((max, t) => Math.max(max, t.id, ...t.replies.map((r) => r.id)), 0);
}

/** Whether the comment `id` is one of the threads shown or their replies. */
export function isShownComment(threads: ShownThread<ShownComment>[], id: number): boolean {
  return threads.some((t) => t.id === id || t.replies.some((r) => r.id === id));
}
