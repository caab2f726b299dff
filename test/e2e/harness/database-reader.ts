import { execFileSync } from 'child_process';
import { join } from 'path';

import { sqliteFileOf } from './database-template';
import { postgresBinaries } from './postgres';

/** What the harness uses of Node's built-in `node:sqlite` (newer than the project's Node type definitions). */
interface SqliteDatabase {
	prepare(sql: string): { all(...values: unknown[]): Array<Record<string, unknown>> };
	close(): void;
}

function sqliteIds(file: string, workflowId: string): string[] {
	let database: SqliteDatabase | undefined;
	try {
		const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (file: string, options: object) => SqliteDatabase };
		database = new DatabaseSync(file, { readOnly: true });
		return database
			.prepare('SELECT id FROM execution_entity WHERE workflowId = ? AND deletedAt IS NULL')
			.all(workflowId)
			.map((row) => String(row.id));
	} finally {
		database?.close();
	}
}

function postgresIds(env: Record<string, string>, workflowId: string): string[] {
	const bin = postgresBinaries();
	if (!bin || !/^[A-Za-z0-9]+$/.test(workflowId)) return [];
	const output = execFileSync(
		join(bin, 'psql'),
		['-h', env.DB_POSTGRESDB_HOST, '-p', env.DB_POSTGRESDB_PORT, '-U', env.DB_POSTGRESDB_USER, '-d', env.DB_POSTGRESDB_DATABASE, '-At', '-c',
			`SELECT id FROM execution_entity WHERE "workflowId" = '${workflowId}' AND "deletedAt" IS NULL`],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 },
	);
	return output.split('\n').filter((line) => line.trim() !== '');
}

/**
 * Reads the IDs of a workflow's executions straight from the database of the n8n started with `env` (SQLite in
 * the user folder, or the suite's PostgreSQL); an empty list when it cannot be read.
 */
export function executionIdsReader(userFolder: string, env: Record<string, string>): (workflowId: string) => string[] {
	const sqliteFile = sqliteFileOf(userFolder, env);
	return (workflowId) => {
		try {
			return sqliteFile ? sqliteIds(sqliteFile, workflowId) : postgresIds(env, workflowId);
		} catch {
			return [];
		}
	};
}
