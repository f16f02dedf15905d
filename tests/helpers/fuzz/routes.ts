import { join } from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import remixConfig from "../../../remix.config.js";
import { REPO_ROOT } from "../paths";

export const APP_DIR = join(REPO_ROOT, "app");

/** The app's routes (root aside) as the Remix compiler finds them in app/routes, keyed by route id. */
export const ROUTE_FILES = flatRoutes(APP_DIR, remixConfig.ignoredRouteFiles);

/** What one route reads from a request, so the fuzzer can send hostile values in exactly those places. */
export interface RouteInputs {
  /** Query parameters its loader reads. */
  query: readonly string[];
  /**
   * Its action's forms: the fields of each, keyed by the `intent` value that selects it ("" for a form sent without
   * an intent field); null when the route has no action.
   */
  forms: Readonly<Record<string, readonly string[]>> | null;
}

const POST_EDITOR = {
  preview: ["category", "title", "body", "images"],
  save: ["category", "title", "body", "images"],
};
const LIST_QUERY = ["page", "category", "notices", "exclude"];
const SEARCH_QUERY = ["q", "scope", "before"];

/**
 * Every route of app/routes with the inputs its loader and action read. The fuzz tests fail when a route file has
 * no entry here (or an entry outlives its file), so a new route cannot go unfuzzed.
 */
export const ROUTE_INPUTS: Record<string, RouteInputs> = {
  "routes/_index": { query: ["exclude"], forms: null },
  "routes/about": { query: [], forms: null },
  "routes/$board._index": { query: [...LIST_QUERY, ...SEARCH_QUERY], forms: null },
  "routes/$board.$postId": {
    query: ["comments", "reply", "report", ...LIST_QUERY],
    forms: {
      comment: ["body", "parentId"],
      "delete-comment": ["commentId"],
      delete: [],
      scrap: [],
      unscrap: [],
      "add-notice": ["scope"],
      "remove-notice": [],
      block: ["commentId", "inPlace"],
      report: ["reason", "detail", "commentId"],
    },
  },
  "routes/$board.$postId.comments": { query: ["since", "after"], forms: null },
  "routes/$board.$postId.view": { query: [], forms: null },
  "routes/$board.hot": { query: ["page", "exclude"], forms: null },
  "routes/$board.feed[.xml]": { query: [], forms: null },
  "routes/hot._index": { query: ["page", "exclude"], forms: null },
  "routes/hot.feed[.xml]": { query: [], forms: null },
  "routes/robots[.txt]": { query: [], forms: null },
  "routes/sitemap[.xml]": { query: [], forms: null },
  "routes/sitemap.$page": { query: [], forms: null },
  "routes/me": { query: ["tab", "page"], forms: null },
  "routes/$board.$postId_.edit": { query: [], forms: POST_EDITOR },
  "routes/$board.write": { query: [], forms: POST_EDITOR },
  "routes/admin.boards": { query: [], forms: { "": ["slug", "name", "isAnonymous"] } },
  "routes/admin.boards_.$slug": {
    query: [],
    forms: {
      "update-board": ["name", "isAnonymous", "reportThreshold"],
      "add-category": ["slug", "name", "position", "adminOnly", "noticeBadge"],
      "update-category": ["categoryId", "slug", "name", "position", "adminOnly", "noticeBadge"],
    },
  },
  "routes/admin.users.$username": { query: [], forms: { suspend: ["days", "reason"], lift: [] } },
  "routes/admin.log": { query: ["page"], forms: null },
  "routes/admin.reports": {
    query: ["page"],
    forms: {
      keep: ["postId", "commentId", "reason"],
      restore: ["postId", "commentId", "reason"],
      delete: ["postId", "commentId", "reason"],
    },
  },
  "routes/login": { query: ["redirectTo"], forms: { "": ["username", "password", "redirectTo"] } },
  "routes/signup": { query: ["redirectTo"], forms: { "": ["username", "password", "redirectTo"] } },
  "routes/logout": { query: [], forms: { "": [] } },
  "routes/notifications": { query: ["page", "read"], forms: { "read-all": [] } },
  "routes/notifications_.$notificationId": { query: [], forms: null },
  "routes/notices": { query: [], forms: { move: ["postId", "direction"], remove: ["postId"] } },
  "routes/uploads": { query: [], forms: { "": ["file"] } },
  "routes/search": { query: [...SEARCH_QUERY, "exclude"], forms: null },
  "routes/scraps": { query: ["q", "page"], forms: { memo: ["postId", "memo"], remove: ["postId"] } },
  "routes/settings.blocks": { query: ["page", "unblocked"], forms: { unblock: ["blockId", "inPlace"] } },
  "routes/settings.filters": { query: [], forms: { "": ["exclude", "redirectTo"], clear: ["redirectTo"] } },
  "routes/settings.notifications": { query: [], forms: { "": ["comment", "reply", "moderation"] } },
  "routes/settings.password": { query: [], forms: { "": ["currentPassword", "newPassword"] } },
  "routes/$": { query: [], forms: null },
};

/** The route's URL pattern as a path ("/:board/:postId"), "/" for the index. */
export function routePattern(routeId: string): string {
  return `/${ROUTE_FILES[routeId].path ?? ""}`;
}
