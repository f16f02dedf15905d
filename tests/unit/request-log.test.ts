import { logLevel } from "~/server/logger.server";
import { pathForLog } from "~/server/request-log.server";

describe("the path a request line records", () => {
  it("keeps the path and the parameter names, never a value", () => {
    expect(pathForLog("/square")).toBe("/square");
    expect(pathForLog("/login?redirectTo=%2Fsettings")).toBe("/login?redirectTo=[redacted]");
    expect(pathForLog("/search?q=%EB%B9%84%EB%B0%80&page=2")).toBe("/search?q=[redacted]&page=[redacted]");
    expect(pathForLog("/square?index&_data=routes%2Fsquare")).toBe("/square?index&_data=[redacted]");
    expect(pathForLog("/square?")).toBe("/square?");
    expect(pathForLog("/a?x=1&&y=")).toBe("/a?x=[redacted]&y=[redacted]");
  });

  it("treats a lone value or a name that cannot be one as a value", () => {
    expect(pathForLog("/reset?eyJhbGciOiJIUzI1NiJ9.c2VjcmV0")).toBe("/reset?[redacted]");
    expect(pathForLog("/a?pass%77ord=hunter2")).toBe("/a?[redacted]=[redacted]");
    expect(pathForLog("/a?=hunter2")).toBe("/a?[redacted]=[redacted]");
  });

  it("is bounded, so a hostile URL cannot make a huge line", () => {
    expect(pathForLog(`/${"a".repeat(10_000)}`)).toHaveLength(512);
    expect(pathForLog(`/a?${"x=1&".repeat(10_000)}`)).toHaveLength(512);
  });
});

describe("LOG_LEVEL", () => {
  it("is info unless set, and one of pino's levels or silent", () => {
    expect(logLevel(undefined)).toBe("info");
    expect(logLevel("")).toBe("info");
    for (const level of ["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      expect(logLevel(level)).toBe(level);
    expect(() => logLevel("verbose")).toThrow(
      /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"$/,
    );
  });
});
