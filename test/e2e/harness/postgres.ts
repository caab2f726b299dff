import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from './ports';
import { inheritedEnvironment, spawnManaged } from './processes';
import { waitFor } from './wait';

export interface PostgresInstance {
	/** n8n's database settings for this server. */
	env: Record<string, string>;
	stop(): Promise<void>;
}

/** The directory of the newest installed PostgreSQL server binaries (Debian layout), if any. */
export function postgresBinaries(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((version) => existsSync(join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

const asPostgresUser = (command: string, args: string[]): [string, string[]] =>
	process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

/**
 * A private, throw-away PostgreSQL server for n8n in queue mode, where the main process and the workers write to
 * the database at the same time (SQLite then refuses writes with SQLITE_BUSY; n8n supports queue mode on Postgres).
 */
export async function startPostgres(): Promise<PostgresInstance> {
	const bin = postgresBinaries();
	if (!bin) throw new Error('PostgreSQL is not installed (scripts/install-system-packages.sh installs it)');
	const dir = mkdtempSync(join(tmpdir(), 'chat-bridge-pg-'));
	if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
	const data = join(dir, 'data');
	execFileSync(...asPostgresUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']), {
		stdio: 'ignore',
	});
	const port = await freePort();
	const server = spawnManaged(
		...asPostgresUser(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']),
		inheritedEnvironment(),
		join(dir, 'postgres.log'),
	);
	const stop = async () => {
		await server.stop();
		if (process.env.CHAT_BRIDGE_KEEP_N8N !== 'true') rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(
			'postgres',
			() =>
				new Promise<true | undefined>((resolve) => {
					const socket = connect(port, '127.0.0.1');
					socket.once('error', () => resolve(undefined));
					socket.once('connect', () => {
						socket.destroy();
						resolve(true);
					});
				}),
			{ timeoutMs: 30_000, intervalMs: 200 },
		);
		await waitFor('database n8n', () => {
			try {
				execFileSync(...asPostgresUser(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n']), { stdio: 'ignore' });
				return true;
			} catch {
				return undefined;
			}
		}, { timeoutMs: 30_000, intervalMs: 500 });
	} catch (error) {
		const tail = server.logTail(20);
		await stop();
		throw new Error(`${(error as Error).message}\n${tail}`);
	}
	return {
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			// n8n's default of 2 connections is shared with its health ping: under load the ping waits, and n8n
			// answers 503 "Database is not ready" until it gets through.
			DB_POSTGRESDB_POOL_SIZE: '10',
		},
		stop,
	};
}
