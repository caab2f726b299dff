import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { CACHE_ROOT, N8N_VERSION } from './paths';

/**
 * A fresh n8n spends about 5 of its 15 seconds of start-up creating its SQLite database (some 260 migrations).
 * The tests start a fresh n8n some thirty times per run, so the database of one fresh start (migrated, owner set
 * up, nothing else) is kept per n8n version and copied into every new user folder; n8n then starts as it does
 * after an upgrade-free restart. Only SQLite: a suite on Postgres migrates its own database.
 */
const TEMPLATE = join(CACHE_ROOT, `n8n-${N8N_VERSION}-test-database`);

/** The database and its write-ahead log, as n8n left them. */
const isDatabaseFile = (name: string) => /^database\.sqlite(-wal|-shm)?$/.test(name);

function copyDatabase(from: string, to: string): void {
	mkdirSync(to, { recursive: true });
	for (const name of readdirSync(from).filter(isDatabaseFile)) copyFileSync(join(from, name), join(to, name));
}

/** The SQLite file of the n8n started on `userFolder` with `env`; undefined when it runs on another database. */
export function sqliteFileOf(userFolder: string, env: Record<string, string>): string | undefined {
	return (env.DB_TYPE ?? 'sqlite') === 'sqlite' ? join(userFolder, '.n8n', 'database.sqlite') : undefined;
}

/** Copies the template database into a user folder that has none yet (no-op without a template or on Postgres). */
export function seedDatabase(userFolder: string, env: Record<string, string>): void {
	const file = sqliteFileOf(userFolder, env);
	if (!file || !existsSync(TEMPLATE) || existsSync(file)) return;
	copyDatabase(TEMPLATE, join(userFolder, '.n8n'));
}

/**
 * Makes the template once per n8n version: starts n8n on an empty folder (`start` creates the owner), stops it and
 * copies the database files into the cache under a temporary name first, so lanes that start at the same moment
 * never read half a template.
 */
export async function ensureDatabaseTemplate(
	start: (userFolder: string) => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
	if (existsSync(TEMPLATE)) return;
	const folder = mkdtempSync(join(tmpdir(), 'chat-bridge-template-'));
	try {
		const n8n = await start(folder);
		await n8n.stop();
		const partial = `${TEMPLATE}.${process.pid}`;
		copyDatabase(join(folder, '.n8n'), partial);
		try {
			renameSync(partial, TEMPLATE);
		} catch {
			rmSync(partial, { recursive: true, force: true }); // another lane made it first
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
