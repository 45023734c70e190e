/**
 * Generates the next migration from the IDL: `npm run db:migration -- [name]`,
 * or `--check` to fail when the IDL has outgrown the migrations (CI drift check).
 *
 * The diff runs in a throwaway database that holds only the existing migrations, so tables
 * other parts of the project keep in the same database never leak into (or get dropped by)
 * a generated migration, and the SQL comes out unqualified, runnable in any schema.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { knex } from "@mikro-orm/postgresql";
import { migrate } from "./migrate.js";
import { databaseUrl, MIGRATIONS_DIR, openDatabase, quoteIdent } from "./orm.js";

async function withScratchDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const admin = knex({ client: "pg", connection: databaseUrl() });
  const name = `justpay_migrate_${process.pid}_${Date.now()}`;
  await admin.raw(`create database ${quoteIdent(name)}`);
  try {
    const url = new URL(databaseUrl());
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.raw(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.destroy();
  }
}

async function main(): Promise<number> {
  const check = process.argv.includes("--check");
  const name = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "mirror";
  return withScratchDatabase(async (url) => {
    const db = await openDatabase({ url });
    try {
      await migrate(db);
      const migrator = db.getMigrator();
      if (check) {
        const behind = await migrator.checkMigrationNeeded();
        console.log(behind ? "the IDL has changes no migration covers" : "migrations match the IDL");
        return behind ? 1 : 0;
      }
      const result = await migrator.createMigration(MIGRATIONS_DIR, false, false, name);
      if (!result.fileName) {
        console.log("no changes: migrations already match the IDL");
        return 0;
      }
      const file = resolve(MIGRATIONS_DIR, result.fileName);
      execFileSync("npx", ["biome", "format", "--write", file], { stdio: "inherit" });
      console.log(`wrote ${file}`);
      return 0;
    } finally {
      await db.close();
    }
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
