import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const build = await import("./build/index.js");
const { getLoadContext, closeLoadContext } = build.entry.module;

const app = express();
app.disable("x-powered-by");
app.use(compression());
// Remix fingerprints everything under /build, so those files never change.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, getLoadContext }));

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const server = app.listen(port, host, () => console.log(`Madang listening on http://localhost:${port}`));

function shutdown() {
  server.close(async () => {
    await closeLoadContext();
    process.exit(0);
  });
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
