import { openDatabase } from "#db/connection";
import { healthResponse } from "~/server/health.server";
import { createTestDb, createUnmigratedTestDbUrl } from "../helpers/db";

async function answer(response: Response) {
  return {
    status: response.status,
    body: await response.text(),
    contentType: response.headers.get("Content-Type"),
    cacheControl: response.headers.get("Cache-Control"),
  };
}

describe("the health check", () => {
  it("answers 200 ok, never cached, on a migrated database", async () => {
    expect(await answer(await healthResponse(createTestDb()))).toEqual({
      status: 200,
      body: "ok",
      contentType: "text/plain; charset=utf-8",
      cacheControl: "no-store",
    });
  });

  it("answers 503 migrations while a migration is pending", async () => {
    const db = openDatabase(await createUnmigratedTestDbUrl());
    try {
      expect(await answer(await healthResponse(db))).toMatchObject({ status: 503, body: "migrations" });
    } finally {
      await db.destroy();
    }
  });

  it("answers 503 database when the database server does not answer", async () => {
    // Port 1: nothing listens there, so the connection is refused at once.
    const db = openDatabase("postgres://madang@127.0.0.1:1/unreachable");
    try {
      expect(await answer(await healthResponse(db))).toMatchObject({
        status: 503,
        body: "database",
        cacheControl: "no-store",
      });
    } finally {
      await db.destroy();
    }
  });
});
