import { openDatabase } from "#db/connection";
import { startBoard, startServer, type RunningBoard, type RunningServer } from "../helpers/browser";

const LUNCH_POST_ID = 201;
const LUNCH_TITLE = "오늘 점심 뭐 드셨어요?";

let board: RunningBoard | undefined;
let second: RunningServer | undefined;

afterAll(async () => {
  await second?.stop();
  await board?.stop();
});

describe("the periodic HOT job", () => {
  it("ranks before a server starts serving, and on a busy database leaves a fresh ranking alone", async () => {
    board = await startBoard();
    // The demo posts are old: the first server's start-up ranking is empty.
    const empty = await (await fetch(`${board.baseUrl}/hot`)).text();
    expect(empty).toContain("지난 24시간 동안 HOT 글이 없습니다.");

    const db = openDatabase(`file:${board.dbPath}`);
    try {
      await db
        .updateTable("posts")
        .set({ created_at: Date.now() - 60_000, comment_count: 3 })
        .where("id", "=", LUNCH_POST_ID)
        .execute();
      // Another server replaced the ranking moments ago: a server starting now skips the work.
      second = await startServer(`file:${board.dbPath}`);
      expect(await (await fetch(`${second.baseUrl}/hot`)).text()).not.toContain(LUNCH_TITLE);
      await second.stop();

      // Once that ranking is older than the skip window, a server starting ranks before it answers its first request.
      await db
        .updateTable("hot_ranking")
        .set({ computed_at: Date.now() - 60_000 })
        .execute();
      second = await startServer(`file:${board.dbPath}`);
      expect(await (await fetch(`${second.baseUrl}/hot`)).text()).toContain(LUNCH_TITLE);
      expect(second.errorOutput()).toBe("");
    } finally {
      await db.destroy();
    }
  });
});
