import axios from 'axios';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { executionIdsReader } from './database-reader';
import { seedDatabase } from './database-template';
import { N8nApi } from './n8n-api';
import { installPackage } from './install-package';
import { CACHE_ROOT, N8N_BEFORE_2_41, N8N_BIN } from './paths';
import { freePort } from './ports';
import { inheritedEnvironment, spawnManaged } from './processes';
import { waitFor } from './wait';

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Chat',
	lastName: 'Bridge',
	password: 'Bridge-Passw0rd!',
};

export interface StartOptions {
	/** Extra environment for the n8n process (e.g. N8N_EXPRESSION_ENGINE). */
	env?: Record<string, string>;
	/** Keep an existing user folder (database, credentials) instead of a fresh temp one. */
	userFolder?: string;
	/** Skip installing the package (the user folder already has it). */
	skipInstall?: boolean;
	port?: number;
	/** Command after `n8n` (default `start`). */
	command?: string[];
	readyTimeoutMs?: number;
	/** Node options for the n8n process (e.g. `--cpu-prof`). */
	nodeArgs?: string[];
}

export interface N8nInstance {
	/** PID of the n8n main process. */
	pid: number;
	baseUrl: string;
	port: number;
	userFolder: string;
	env: Record<string, string>;
	api: N8nApi;
	logFile: string;
	/** Last lines of the n8n log, for failure messages. */
	logTail(lines?: number): string;
	/** Sends `signal` to the n8n main process (and its task runner) and waits until it has exited. */
	kill(signal?: NodeJS.Signals): Promise<void>;
	/**
	 * Starts the main process again on the same user folder, database, port and environment (after `kill`, or
	 * stops it gracefully first) and waits until it is ready; `pid` and `api` then refer to the new process.
	 */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

/** The environment n8n gets in tests and in the playground: quiet, local, no outbound calls. */
export function n8nEnvironment(userFolder: string, port: number, brokerPort: number): Record<string, string> {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: 'chat-bridge-test-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		...(N8N_BEFORE_2_41 ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'warn',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		GENERIC_TIMEZONE: 'UTC',
		// Node keeps the compiled code of n8n's modules here: later starts load in about 2 s less.
		NODE_COMPILE_CACHE: join(CACHE_ROOT, 'node-compile-cache'),
	};
}

/**
 * Starts a real n8n with the packed package installed as a community package, creates the owner and an
 * API key, and returns a handle. Always call `stop()` (afterAll): it kills n8n and its task runner.
 */
export async function startN8n(options: StartOptions = {}): Promise<N8nInstance> {
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'chat-bridge-n8n-'));
	if (!options.skipInstall) installPackage(userFolder);
	const port = options.port ?? (await freePort());
	const env = { ...n8nEnvironment(userFolder, port, await freePort()), ...options.env };
	seedDatabase(userFolder, env);
	const spawn = () =>
		spawnManaged(process.execPath, [...(options.nodeArgs ?? []), N8N_BIN, ...(options.command ?? ['start'])], { ...inheritedEnvironment(), ...env }, join(userFolder, 'n8n.log'));
	let n8n = spawn();
	const baseUrl = `http://127.0.0.1:${port}`;
	const stop = async () => {
		await n8n.stop();
		if (!options.userFolder && process.env.CHAT_BRIDGE_KEEP_N8N !== 'true') {
			rmSync(userFolder, { recursive: true, force: true });
		}
	};
	const ready = async () => {
		await Promise.race([
			n8n.exited,
			waitFor(
				'n8n readiness',
				async () => {
					const response = await axios.get(`${baseUrl}/healthz/readiness`, { validateStatus: () => true });
					return response.status === 200 ? true : undefined;
				},
				{ timeoutMs: options.readyTimeoutMs ?? 120_000, intervalMs: 250 },
			),
		]);
		if (N8N_BEFORE_2_41) {
			await waitFor(
				'n8n settings (migrations done)',
				async () => {
					const response = await axios.get(`${baseUrl}/rest/settings`, { validateStatus: () => true });
					return response.status === 200 ? true : undefined;
				},
				{ timeoutMs: options.readyTimeoutMs ?? 120_000, intervalMs: 250 },
			);
		}
		const api = await N8nApi.connect(baseUrl, OWNER);
		api.executionIdsInDatabase = executionIdsReader(userFolder, env);
		return api;
	};

	try {
		const api = await ready();
		const instance: N8nInstance = {
			pid: n8n.pid,
			baseUrl,
			port,
			userFolder,
			env,
			api,
			logFile: n8n.logFile,
			logTail: (lines) => n8n.logTail(lines),
			kill: async (signal = 'SIGKILL') => await n8n.kill(signal),
			restart: async () => {
				await n8n.stop();
				n8n = spawn();
				try {
					instance.api = await ready();
				} catch (error) {
					throw new Error(`${(error as Error).message}\n--- n8n log ---\n${n8n.logTail()}`);
				}
				instance.pid = n8n.pid;
			},
			stop,
		};
		return instance;
	} catch (error) {
		const tail = n8n.logTail();
		await stop();
		throw new Error(`${(error as Error).message}\n--- n8n log ---\n${tail}`);
	}
}
