import { makeAdmin } from "../../app/auth/accounts.server";
import { runWithDatabase } from "./run";

// Usernames are stored lowercase.
const username = process.argv[2]?.trim().toLowerCase();

if (!username) {
  console.error("사용법 (usage): npm run make-admin -- <username>");
  process.exitCode = 1;
} else {
  await runWithDatabase(async (db) => {
    if (await makeAdmin(db, username)) {
      console.log(`${username} 님을 관리자로 지정했습니다 (granted admin)`);
    } else {
      console.error(`사용자를 찾을 수 없습니다 (no such user): ${username}`);
      process.exitCode = 1;
    }
  });
}
