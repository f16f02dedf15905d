import fc from "fast-check";
import type { ServerBuild } from "@remix-run/node";
import { fuzzCase, requestPartsOf } from "../helpers/fuzz/cases";
import { fingerprintOf } from "../helpers/fuzz/fingerprint";
import { createFuzzFixture, worldOf, type FuzzUsers } from "../helpers/fuzz/fixture";
import { ROUTE_FILES, ROUTE_INPUTS } from "../helpers/fuzz/routes";
import { fuzzSettings } from "../helpers/fuzz/settings";
import { bookkeepingOf, problemsWith } from "../helpers/fuzz/verdict";
import { createTestDb } from "../helpers/db";
import { ORIGIN, sessionCookieFor } from "./support/board-fixtures";
import { buildFromSource, inProcessServer } from "./support/in-process-server";

const db = createTestDb();
const settings = fuzzSettings(400);
let build: ServerBuild;
let users: FuzzUsers;

beforeAll(async () => {
  build = await buildFromSource();
  users = await createFuzzFixture(db);
});

describe("the fuzz route table", () => {
  it("names every route of app/routes, and no other", () => {
    expect(Object.keys(ROUTE_INPUTS).sort()).toEqual(Object.keys(ROUTE_FILES).sort());
  });

  it("lists forms exactly for the routes that have an action", () => {
    const withAction = (id: string) => "action" in build.routes[id].module;
    const withForms = (id: string) => ROUTE_INPUTS[id].forms !== null;
    expect(Object.keys(ROUTE_FILES).filter(withForms)).toEqual(Object.keys(ROUTE_FILES).filter(withAction));
  });
});

it(`answers ${settings.numRuns} hostile requests to every route, as a visitor, a member and an admin, without a 5xx, an internal detail or a write on refusal`, async () => {
  const serve = inProcessServer(build);
  // React Router warns of every path no route matches, and the fuzzer sends hundreds. Errors still reach stderr.
  const quiet = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  try {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const world = await worldOf(db);
        const session = c.role === "visitor" ? null : await sessionCookieFor(db, users[c.role]);
        const parts = await requestPartsOf(c, world, ORIGIN, session);
        const request = new Request(`${ORIGIN}${parts.target}`, {
          method: parts.method,
          headers: [["Host", new URL(ORIGIN).host], ...parts.headers],
          body: parts.body,
        });
        const before = await fingerprintOf(db, { sharedSqliteConnection: true });
        let status: number;
        let body: string;
        try {
          const response = await serve(request, { db, clientAddress: c.clientAddress });
          status = response.status;
          body = await response.text();
        } catch (error) {
          status = 500;
          body = `thrown out of the app: ${error instanceof Error ? error.stack : String(error)}`;
        }
        const after = await fingerprintOf(db, { sharedSqliteConnection: true });
        const problems = problemsWith({ status, body, before, after, bookkeeping: bookkeepingOf(c) });
        if (problems.length > 0) {
          const sent = `${parts.method} ${parts.target.slice(0, 300)} → ${status}`;
          throw new Error([sent, ...problems].join("\n").slice(0, 4000));
        }
      }),
      settings,
    );
  } finally {
    quiet.mockRestore();
  }
}, 600_000);
