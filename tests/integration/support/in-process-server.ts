import { join } from "node:path";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import remixConfig from "../../../remix.config.js";
import * as entryServer from "~/entry.server";
import * as root from "~/root";
import { APP_DIR, ROUTE_FILES } from "../../helpers/fuzz/routes";

/**
 * A server build made from the app's source rather than from build/ (which the integration tier does not wait
 * for): the same entry, root and route modules, the routes the compiler finds, and a stand-in assets manifest (the
 * pages' script URLs are never fetched here).
 */
export async function buildFromSource(): Promise<ServerBuild> {
  const routeModules = await Promise.all(
    Object.values(ROUTE_FILES).map(async (route) => ({ route, module: await import(join(APP_DIR, route.file)) })),
  );
  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const { route, module } of [{ route: { id: "root", path: "" }, module: root }, ...routeModules]) {
    const { id, parentId, path, index, caseSensitive } = route as (typeof routeModules)[number]["route"];
    routes[id] = { id, parentId, path, index, caseSensitive, module };
    assetRoutes[id] = {
      ...{ id, parentId, path, index, caseSensitive, module: `/build/${id}.js`, imports: [] },
      ...{ hasAction: "action" in module, hasLoader: "loader" in module, hasErrorBoundary: "ErrorBoundary" in module },
      ...{ hasClientAction: false, hasClientLoader: false },
    };
  }
  return {
    mode: "production",
    // Its default export is typed as a Promise<unknown> (a bare `new Promise`); it resolves to a Response.
    entry: { module: entryServer as ServerBuild["entry"]["module"] },
    routes,
    assets: {
      entry: { module: "/build/entry.client.js", imports: [] },
      routes: assetRoutes,
      url: "/build/manifest.js",
      version: "source",
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: remixConfig.future as ServerBuild["future"],
    isSpaMode: false,
  };
}

/**
 * Answers a request as server.js does once Express has parsed it: a URL or Host it cannot read is a 400, a
 * cross-site write a 403, logged-out board lists go through the page cache, a lost database is a 503. What server.js
 * would turn into its plain 500 page is thrown.
 */
export function inProcessServer(build: ServerBuild) {
  const handleRemixRequest = createRequestHandler(build, "production");
  return async (request: Request, context: AppLoadContext): Promise<Response> => {
    const url = new URL(request.url);
    const refused = entryServer.malformedRequestResponse(`${url.pathname}${url.search}`, url.host, "http");
    if (refused) return refused;
    try {
      if (request.method !== "GET" && request.method !== "HEAD") entryServer.assertSameOrigin(request);
      const response = await entryServer.serveListPage(context.db, request, () => handleRemixRequest(request, context));
      return entryServer.outageAwareResponse(request, context, response);
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
  };
}
