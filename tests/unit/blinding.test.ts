import { BLINDED_POST_TEXT, blindingFor, presentListedPost, presentPostContent } from "~/models/blinding";

const author = { id: 1, role: "member" as const };
const stranger = { id: 2, role: "member" as const };
const admin = { id: 3, role: "admin" as const };

describe("blinding", () => {
  it("hides a blinded item from everyone but its author and admins", () => {
    const blinded = { blindedAt: 1, authorId: author.id };
    expect(blindingFor(null, blinded)).toBe("hidden");
    expect(blindingFor(stranger, blinded)).toBe("hidden");
    expect(blindingFor(author, blinded)).toBe("shown");
    expect(blindingFor(admin, blinded)).toBe("shown");
    expect(blindingFor(null, { blindedAt: null, authorId: author.id })).toBe("none");
  });

  it("replaces a listed title and drops the author's id", () => {
    const row = { id: 7, title: "제목", blindedAt: 1, authorId: author.id, commentCount: 2 };
    expect(presentListedPost(row, stranger)).toEqual({
      id: 7,
      title: BLINDED_POST_TEXT,
      commentCount: 2,
      blinding: "hidden",
    });
    expect(presentListedPost(row, author)).toEqual({ id: 7, title: "제목", commentCount: 2, blinding: "shown" });
  });

  it("sends no body of a hidden post", () => {
    const post = { title: "제목", bodyHtml: "<p>본문</p>", blindedAt: 1, authorId: author.id };
    expect(presentPostContent(post, null)).toEqual({ title: BLINDED_POST_TEXT, bodyHtml: "", blinding: "hidden" });
    expect(presentPostContent(post, admin)).toEqual({ title: "제목", bodyHtml: "<p>본문</p>", blinding: "shown" });
  });
});
