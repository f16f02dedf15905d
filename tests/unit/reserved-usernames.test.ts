import { isReservedUsername } from "~/auth/reserved-usernames";

describe("isReservedUsername", () => {
  it.each([
    "admin",
    "madang",
    "root",
    "system",
    "운영자",
    "관리자",
    "Admin",
    "admin_1",
    "_root_",
    "madang_official",
    "administrator2",
    "sysop",
  ])("reserves %s", (name) => {
    expect(isReservedUsername(name)).toBe(true);
  });

  it.each(["alice", "kim_minsu", "bandmin", "grassroot", "dev_team", "sys"])("leaves %s free", (name) => {
    expect(isReservedUsername(name)).toBe(false);
  });
});
