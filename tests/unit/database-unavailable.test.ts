import { isDatabaseBusy, isDatabaseUnavailable } from "#db/engine";

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", withCode("ECONNREFUSED")],
    ["a connection timing out", withCode("ETIMEDOUT")],
    ["PostgreSQL shutting down (admin_shutdown)", withCode("57P01")],
    ["PostgreSQL starting or stopping (cannot_connect_now)", withCode("57P03")],
    ["a broken connection (connection_failure)", withCode("08006")],
    ["too many connections", withCode("53300")],
    ["a connection pg lost", new Error("Connection terminated unexpectedly")],
    ["an SQLite file that cannot be opened", withCode("SQLITE_CANTOPEN")],
    ["an SQLite read failing", withCode("SQLITE_IOERR_SHORT_READ")],
  ])("is true for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505")],
    ["a serialization failure, which is retried", withCode("40001")],
    ["SQLite busy, which only means waiting", withCode("SQLITE_BUSY")],
    ["an SQLite constraint", withCode("SQLITE_CONSTRAINT_CHECK")],
    ["an error without a code", new Error("something else")],
    ["a thrown Response", new Response(null, { status: 404 })],
    ["an aborted request, whose DOMException has a numeric code", new DOMException("aborted", "AbortError")],
    ["nothing", undefined],
  ])("is false for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("isDatabaseBusy", () => {
  it.each([
    ["SQLite's write lock still held after the wait", withCode("SQLITE_BUSY")],
    ["SQLite busy while another process recovers the WAL", withCode("SQLITE_BUSY_RECOVERY")],
  ])("is true for %s", (_, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
  });

  it.each([
    ["an unavailable database", withCode("ECONNREFUSED")],
    ["an SQLite constraint", withCode("SQLITE_CONSTRAINT_CHECK")],
    ["a serialization failure, which is retried", withCode("40001")],
    ["an error without a code", new Error("database is locked")],
    ["nothing", undefined],
  ])("is false for %s", (_, error) => {
    expect(isDatabaseBusy(error)).toBe(false);
  });
});
