import { randomUUID } from "node:crypto";
import type { TestProject } from "vitest/node";
import { openDatabase } from "#db/connection";
import { migrateToLatest } from "#db/migrator";
import { databaseUrl, onServer, testPostgresServer } from "./postgres-server";

/**
 * Runs once per integration-pg run: starts a throwaway PostgreSQL (or uses DATABASE_TEST_URL's server) and
 * migrates one template database; every test file then works on its own copy of it.
 */
export default async function migrateBasePg(project: TestProject) {
  const server = await testPostgresServer();
  const { adminUrl } = server;
  const prefix = `madang_test_${randomUUID().slice(0, 8)}`;
  const template = `${prefix}_base`;
  try {
    await onServer(adminUrl, (client) => client.query(`create database "${template}"`));
    const db = openDatabase(databaseUrl(adminUrl, template));
    await migrateToLatest(db);
    await db.destroy();
  } catch (error) {
    await server.release();
    throw error;
  }
  project.provide("integrationPg", { adminUrl, template, prefix });
  return async () => {
    if (!server.shared) return server.release();
    // A shared server keeps running: drop only this run's databases.
    await onServer(adminUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`${prefix}\\_%`],
      );
      for (const { datname } of rows) await client.query(`drop database "${datname}" with (force)`);
    });
  };
}
