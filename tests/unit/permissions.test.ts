import {
  ANONYMOUS_NAME,
  authorNameFor,
  canModify,
  canPostIn,
  canReport,
  isAdmin,
  isModeration,
} from "~/models/permissions";

const admin = { id: 1, role: "admin" as const };
const author = { id: 2, role: "member" as const };
const stranger = { id: 3, role: "member" as const };

describe("isAdmin", () => {
  it("is true for the admin role only, and false for nobody", () => {
    expect(isAdmin(admin)).toBe(true);
    expect(isAdmin(author)).toBe(false);
    expect(isAdmin(null)).toBe(false);
  });
});

describe("canModify", () => {
  it("lets the author and any admin edit or delete, and no one else", () => {
    expect(canModify(author, author.id)).toBe(true);
    expect(canModify(admin, author.id)).toBe(true);
    expect(canModify(stranger, author.id)).toBe(false);
    expect(canModify(null, author.id)).toBe(false);
  });
});

describe("canPostIn", () => {
  it("keeps admin-only categories for admins and opens the rest to members", () => {
    expect(canPostIn(author, { adminOnly: false })).toBe(true);
    expect(canPostIn(author, { adminOnly: true })).toBe(false);
    expect(canPostIn(admin, { adminOnly: true })).toBe(true);
  });
});

describe("authorNameFor", () => {
  const anonymous = { isAnonymous: true };
  const named = { isAnonymous: false };

  it("hides the author on anonymous boards from members and logged-out readers", () => {
    expect(authorNameFor(anonymous, "writer", author)).toBe(ANONYMOUS_NAME);
    expect(authorNameFor(anonymous, "writer", null)).toBe(ANONYMOUS_NAME);
  });

  it("shows the author to admins on anonymous boards, and to everyone elsewhere", () => {
    expect(authorNameFor(anonymous, "writer", admin)).toBe("writer");
    expect(authorNameFor(named, "writer", null)).toBe("writer");
    expect(authorNameFor(named, "writer", stranger)).toBe("writer");
  });
});

describe("canReport and isModeration", () => {
  it("offers reports to members for what others wrote, and calls an admin's change to others' things moderation", () => {
    expect(canReport(stranger, author.id)).toBe(true);
    expect(canReport(author, author.id)).toBe(false);
    expect(canReport(admin, author.id)).toBe(false);
    expect(canReport(null, author.id)).toBe(false);
    expect(isModeration(admin, author.id)).toBe(true);
    expect(isModeration(admin, admin.id)).toBe(false);
    expect(isModeration(stranger, author.id)).toBe(false);
  });
});
