import { existsSync, readdirSync } from "node:fs";

/** Where Debian's postgresql packages put each major version's programs: <root>/<major>/bin. */
export const DEBIAN_PG_ROOT = "/usr/lib/postgresql";

/** Each installed major version that has `tool` (initdb, pg_dump…), with the tool's path; oldest first. */
export function installedPostgresTools(tool: string): { major: number; path: string }[] {
  if (!existsSync(DEBIAN_PG_ROOT)) return [];
  return readdirSync(DEBIAN_PG_ROOT)
    .map(Number)
    .filter((major) => Number.isInteger(major))
    .map((major) => ({ major, path: `${DEBIAN_PG_ROOT}/${major}/bin/${tool}` }))
    .filter(({ path }) => existsSync(path))
    .sort((a, b) => a.major - b.major);
}
