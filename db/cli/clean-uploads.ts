import { uploadsDirectory, uploadStorage } from "../../app/lib/upload-storage.server";
import { cleanUnusedUploads } from "../../app/models/uploads.server";
import { runWithDatabase } from "./run";

await runWithDatabase(async (db) => {
  const removed = await cleanUnusedUploads(db, uploadStorage());
  console.log(
    `쓰이지 않는 그림 ${removed}개를 지웠습니다 (removed ${removed} unused uploads from ${uploadsDirectory()})`,
  );
});
