import type { Kysely } from "kysely";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";
import { createAccount } from "~/auth/accounts.server";
import { action as login } from "~/routes/login";
import { action as changePassword } from "~/routes/settings.password";
import { action as signup } from "~/routes/signup";
import { createTestDb, createTestDbUrl } from "../helpers/db";
import { type Answer, callRoute, formPost, payloadOf } from "./support/board-fixtures";

const db = createTestDb();
const PASSWORD = "correct horse";
const DEVICE_COOKIE = /^madang_device=([A-Za-z0-9_-]{43}); Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax/;

let lastAddress = 0;
/** A fresh client address, so that only the limit under test can refuse. */
function newAddress(): string {
  lastAddress += 1;
  return `10.${lastAddress >> 16}.${(lastAddress >> 8) & 255}.${lastAddress & 255}`;
}

async function newMember(username: string, database: Kysely<Database> = db): Promise<void> {
  const created = await createAccount(database, { username, password: PASSWORD });
  if (!created.ok) throw new Error(`could not create ${username}`);
}

function logIn(username: string, password: string, from: { ip?: string; cookie?: string } = {}) {
  return callRoute(db, login, formPost("/login", { username, password }, from.cookie), {}, from.ip ?? newAddress());
}

/** The `name=value` part of a cookie the answer sets, as the browser sends it back. */
function cookieSetBy(answer: Answer, name: string): string {
  const cookie = answer.headers.getSetCookie().find((value) => value.startsWith(`${name}=`));
  if (!cookie) throw new Error(`the answer (${answer.status}) sets no ${name} cookie`);
  return cookie.split(";")[0];
}

/** Logs in from a new browser (or the one holding `cookie`) and returns its device cookie. */
async function knownDevice(username: string, cookie?: string): Promise<string> {
  const answer = await logIn(username, PASSWORD, { cookie });
  expect(answer.status).toBe(303);
  return cookieSetBy(answer, "madang_device");
}

/** 20 wrong passwords for the account, each from its own address and unknown browser: the account limit is full. */
async function lockAccount(username: string): Promise<void> {
  for (let i = 0; i < 20; i++) expect((await logIn(username, `wrong ${i}`)).status).toBe(400);
}

function expectRefused(answer: Answer, username: string, maxRetryAfter: number) {
  expect(answer.status).toBe(429);
  expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(Number(answer.headers.get("Retry-After"))).toBeLessThanOrEqual(maxRetryAfter);
  expect(payloadOf(answer)).toMatchObject({ formError: expect.stringMatching(/잠시 후 다시 시도해 주세요/) });
  expect(payloadOf(answer)).toMatchObject({ values: { username } });
  expect(answer.headers.getSetCookie()).toEqual([]);
}

describe("device cookie", () => {
  it("is given at login and at sign-up: random, a year long, httpOnly, SameSite=Lax", async () => {
    await newMember("dev_login");
    const loggedIn = await logIn("dev_login", PASSWORD);
    const signedUp = await callRoute(db, signup, formPost("/signup", { username: "dev_signup", password: PASSWORD }));
    for (const answer of [loggedIn, signedUp]) {
      expect(answer.status).toBe(303);
      expect(answer.headers.getSetCookie().find((cookie) => cookie.startsWith("madang_device="))).toMatch(
        DEVICE_COOKIE,
      );
    }
    expect(cookieSetBy(loggedIn, "madang_device")).not.toBe(cookieSetBy(signedUp, "madang_device"));
  });

  it("is not given for a failed login", async () => {
    const answer = await logIn("dev_login", "wrong horse");
    expect(answer.status).toBe(400);
    expect(answer.headers.getSetCookie()).toEqual([]);
  });
});

describe("an account under attack", () => {
  it("refuses unknown browsers after 20 failures from anywhere, but lets the owner's browser in", async () => {
    await newMember("owner");
    const device = await knownDevice("owner");
    await lockAccount("owner");
    expectRefused(await logIn("owner", PASSWORD), "owner", 60 * 60);
    const owner = await logIn("owner", PASSWORD, { cookie: device });
    expect(owner.status).toBe(303);
    expect(cookieSetBy(owner, "madang_session")).toMatch(/^madang_session=[a-z0-9]+$/);
  });

  it("lets the owner's browser in from an address that is refused to everyone else (a shared NAT)", async () => {
    await newMember("neighbour");
    const device = await knownDevice("neighbour");
    const shared = newAddress();
    for (let i = 0; i < 5; i++) expect((await logIn("someone", `guess ${i}`, { ip: shared })).status).toBe(400);
    expectRefused(await logIn("neighbour", PASSWORD, { ip: shared }), "neighbour", 60);
    expect((await logIn("neighbour", PASSWORD, { ip: shared, cookie: device })).status).toBe(303);
  });

  it("does not count the owner's own typing against the account or the address", async () => {
    await newMember("typist");
    const device = await knownDevice("typist");
    const home = newAddress();
    for (let i = 0; i < 6; i++) {
      expect((await logIn("typist", `typo ${i}`, { ip: home, cookie: device })).status).toBe(400);
    }
    expect((await logIn("typist", PASSWORD, { ip: home })).status).toBe(303);
  });

  it("limits a known device (a copied cookie) to 20 failures an hour wherever it is, apart from the account", async () => {
    await newMember("copied");
    const device = await knownDevice("copied");
    for (let i = 0; i < 20; i++) expect((await logIn("copied", `guess ${i}`, { cookie: device })).status).toBe(400);
    expectRefused(await logIn("copied", PASSWORD, { cookie: device }), "copied", 60 * 60);
    expect((await logIn("copied", PASSWORD)).status).toBe(303);
  });

  it("recognises a browser only for the accounts it logged in to", async () => {
    await newMember("mallory");
    await newMember("victim");
    const attackersDevice = await knownDevice("mallory");
    await lockAccount("victim");
    expectRefused(await logIn("victim", PASSWORD, { cookie: attackersDevice }), "victim", 60 * 60);
  });

  it("renews the token at every login, keeping every account of the browser and dropping the old value", async () => {
    await newMember("first_acct");
    await newMember("second_acct");
    const first = await knownDevice("first_acct");
    const renewed = await knownDevice("second_acct", first);
    expect(renewed).not.toBe(first);
    await lockAccount("first_acct");
    await lockAccount("second_acct");
    expectRefused(await logIn("first_acct", PASSWORD, { cookie: first }), "first_acct", 60 * 60);
    const again = await logIn("first_acct", PASSWORD, { cookie: renewed });
    expect(again.status).toBe(303);
    expect((await logIn("second_acct", PASSWORD, { cookie: cookieSetBy(again, "madang_device") })).status).toBe(303);
  });

  it("forgets every other browser of the account when its password changes", async () => {
    await newMember("changer");
    const laptop = await knownDevice("changer");
    const phoneLogin = await logIn("changer", PASSWORD);
    const phone = cookieSetBy(phoneLogin, "madang_device");
    const phoneSession = cookieSetBy(phoneLogin, "madang_session");
    const change = await callRoute(
      db,
      changePassword,
      formPost(
        "/settings/password",
        { currentPassword: PASSWORD, newPassword: "battery staple" },
        `${phone}; ${phoneSession}`,
      ),
      {},
      newAddress(),
    );
    expect(change.status).toBe(200);
    await lockAccount("changer");
    expectRefused(await logIn("changer", "battery staple", { cookie: laptop }), "changer", 60 * 60);
    expect((await logIn("changer", "battery staple", { cookie: phone })).status).toBe(303);
  });
});

describe("wrong current passwords on /settings/password", () => {
  async function sessionOf(username: string): Promise<string> {
    return cookieSetBy(await logIn(username, PASSWORD), "madang_session");
  }

  function changeFrom(ip: string, cookie: string, currentPassword: string) {
    const fields = { currentPassword, newPassword: "battery staple" };
    return callRoute(db, changePassword, formPost("/settings/password", fields, cookie), {}, ip);
  }

  function expectPasswordChangeRefused(answer: Answer, maxRetryAfter: number) {
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(Number(answer.headers.get("Retry-After"))).toBeLessThanOrEqual(maxRetryAfter);
    expect(payloadOf(answer)).toEqual({
      fieldErrors: {},
      formError: "비밀번호 확인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.",
      changed: false,
    });
    expect(answer.headers.getSetCookie()).toEqual([]);
  }

  it("refuses the sixth try from one address with 429, even with the right password, and changes nothing", async () => {
    await newMember("guessed");
    const session = await sessionOf("guessed");
    const ip = newAddress();
    for (let i = 0; i < 5; i++) {
      const wrong = await changeFrom(ip, session, `wrong ${i}`);
      expect(wrong.status).toBe(400);
      expect(payloadOf(wrong).fieldErrors).toEqual({ currentPassword: "현재 비밀번호가 올바르지 않습니다." });
    }
    expectPasswordChangeRefused(await changeFrom(ip, session, PASSWORD), 60);
    expect((await logIn("guessed", PASSWORD)).status).toBe(303);
  });

  it("shares the account limit with logins, and lets the owner's known browser through", async () => {
    await newMember("shared_limit");
    const device = await knownDevice("shared_limit");
    const session = await sessionOf("shared_limit");
    await lockAccount("shared_limit");
    expectPasswordChangeRefused(await changeFrom(newAddress(), session, PASSWORD), 60 * 60);
    const owner = await changeFrom(newAddress(), `${session}; ${device}`, PASSWORD);
    expect(owner.status).toBe(200);
    expect(payloadOf(owner).changed).toBe(true);
  });
});

describe("simultaneous wrong logins", () => {
  const connections: Kysely<Database>[] = [];

  beforeAll(async () => {
    // Several connections to one database, as several server processes have: on SQLite each is its own file handle.
    const url = await createTestDbUrl();
    connections.push(openDatabase(url), openDatabase(url), openDatabase(url));
    for (const username of ["racer_address", "racer_account", "racer_device"])
      await newMember(username, connections[0]);
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.destroy()));
  });

  async function simultaneousLogins(username: string, from: () => { ip: string; cookie?: string }) {
    return Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const { ip, cookie } = from();
        const request = formPost("/login", { username, password: `guess ${i}` }, cookie);
        return callRoute(connections[i % connections.length], login, request, {}, ip);
      }),
    );
  }

  // Attempts in flight count until they fail or succeed, so racing ones may be refused earlier (all of them, when
  // every one is recorded before any is counted), never later.
  function expectAtMostChecked(answers: Answer[], limit: number) {
    const checked = answers.filter((answer) => answer.status === 400);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(checked.length + refused.length).toBe(answers.length);
    expect(checked.length).toBeLessThanOrEqual(limit);
    for (const answer of refused) expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
    return checked.length;
  }

  it("checks at most 5 of 60 from one address", async () => {
    const ip = newAddress();
    const checked = expectAtMostChecked(await simultaneousLogins("racer_address", () => ({ ip })), 5);
    const kept = await connections[0].selectFrom("login_failures").select("id").where("ip", "=", ip).execute();
    expect(kept).toHaveLength(checked);
  });

  it("checks at most 20 of 60 for one account from 60 addresses", async () => {
    expectAtMostChecked(await simultaneousLogins("racer_account", () => ({ ip: newAddress() })), 20);
  });

  it("checks at most 20 of 60 from one known device at 60 addresses", async () => {
    const request = formPost("/login", { username: "racer_device", password: PASSWORD });
    const device = cookieSetBy(await callRoute(connections[0], login, request, {}, newAddress()), "madang_device");
    expectAtMostChecked(await simultaneousLogins("racer_device", () => ({ ip: newAddress(), cookie: device })), 20);
  });
});
