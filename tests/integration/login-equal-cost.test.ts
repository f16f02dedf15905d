import * as argon2 from "@node-rs/argon2";
import { DEMO_PASSWORD_HASH } from "#db/demo-data";
import { createAccount } from "~/auth/accounts.server";
import { action as login } from "~/routes/login";
import { action as changePassword } from "~/routes/settings.password";
import { createTestDb } from "../helpers/db";
import { callRoute, formPost, payloadOf } from "./support/board-fixtures";

// Every argon2 verification the app makes goes through this spy, so a test can see which hash each check cost.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const original = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...original, verify: vi.fn(original.verify) };
});

const db = createTestDb();
const PASSWORD = "correct horse";
const CURRENT_PARAMETERS = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;
let lastAddress = 0;

function logIn(username: string, password: string, ip = `10.9.0.${++lastAddress}`) {
  return callRoute(db, login, formPost("/login", { username, password }), {}, ip);
}

/** The hashes verified while `work` ran. */
async function hashesVerifiedBy(work: () => Promise<unknown>): Promise<string[]> {
  const verify = vi.mocked(argon2.verify);
  verify.mockClear();
  await work();
  return verify.mock.calls.map(([hash]) => String(hash));
}

beforeAll(async () => {
  await createAccount(db, { username: "real_member", password: PASSWORD });
  await db
    .insertInto("users")
    .values({ username: "demo_member", password_hash: DEMO_PASSWORD_HASH, created_at: Date.now() })
    .execute();
});

describe("every failed password check costs one argon2id verification with the current parameters", () => {
  it.each([
    ["a wrong password", "real_member"],
    ["an unknown username", "no_such_member"],
    ["a demo account nobody can log in to", "demo_member"],
  ])("%s", async (_, username) => {
    let answer: Awaited<ReturnType<typeof logIn>> | undefined;
    const hashes = await hashesVerifiedBy(async () => {
      answer = await logIn(username, "wrong horse");
    });
    expect(answer?.status).toBe(400);
    expect(payloadOf(answer!).formError).toBe("아이디 또는 비밀번호가 올바르지 않습니다.");
    expect(hashes).toHaveLength(1);
    expect(hashes[0]).toMatch(CURRENT_PARAMETERS);
  });

  it("a wrong current password on /settings/password", async () => {
    const ok = await logIn("real_member", PASSWORD);
    const session = ok.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith("madang_session="))!
      .split(";")[0];
    const fields = { currentPassword: "wrong horse", newPassword: "battery staple" };
    const hashes = await hashesVerifiedBy(() =>
      callRoute(db, changePassword, formPost("/settings/password", fields, session), {}, "10.9.1.1"),
    );
    expect(hashes).toHaveLength(1);
    expect(hashes[0]).toMatch(CURRENT_PARAMETERS);
  });
});

it("refuses a throttled attempt before any verification, whether or not the account exists", async () => {
  const ip = "10.9.2.1";
  for (let i = 0; i < 5; i++) expect((await logIn(`filler_${i}`, "wrong horse", ip)).status).toBe(400);
  for (const username of ["real_member", "no_such_member", "demo_member"]) {
    let answer: Awaited<ReturnType<typeof logIn>> | undefined;
    const hashes = await hashesVerifiedBy(async () => {
      answer = await logIn(username, PASSWORD, ip);
    });
    expect(answer?.status).toBe(429);
    expect(payloadOf(answer!)).toEqual({
      values: { username },
      fieldErrors: {},
      formError: "로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.",
    });
    expect(hashes).toEqual([]);
  }
});
