import axios from 'axios';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { N8nApi } from './n8n-api';
import { installPackage } from './install-package';
import { N8N_BIN } from './paths';
import { freePort } from './ports';
import { inheritedEnvironment, spawnManaged, type ManagedProcess } from './processes';
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
	/** Node.js options for the n8n main process only (e.g. `--cpu-prof`), not for its task runner. */
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
	/** Signals n8n's process group and waits until it exited; SIGKILL is a crash (no shutdown, nothing flushed). */
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** Starts n8n again on the same user folder, port and environment (after `kill`); `pid` changes. */
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
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'warn',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		GENERIC_TIMEZONE: 'UTC',
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
	const baseUrl = `http://127.0.0.1:${port}`;
	const logFile = join(userFolder, 'n8n.log');
	const spawnReady = async () => {
		const process_ = spawnManaged(
			process.execPath,
			[...(options.nodeArgs ?? []), N8N_BIN, ...(options.command ?? ['start'])],
			{ ...inheritedEnvironment(), ...env },
			logFile,
		);
		try {
			await Promise.race([
				process_.exited,
				waitFor(
					'n8n readiness',
					async () => {
						const response = await axios.get(`${baseUrl}/healthz/readiness`, { validateStatus: () => true });
						return response.status === 200 ? true : undefined;
					},
					{ timeoutMs: options.readyTimeoutMs ?? 120_000, intervalMs: 250 },
				),
			]);
		} catch (error) {
			await process_.stop();
			throw new Error(`${(error as Error).message}\n--- n8n log ---\n${process_.logTail()}`);
		}
		return process_;
	};
	const removeFolder = () => {
		if (!options.userFolder && process.env.CHAT_BRIDGE_KEEP_N8N !== 'true') {
			rmSync(userFolder, { recursive: true, force: true });
		}
	};

	let n8n: ManagedProcess;
	let api: N8nApi;
	try {
		n8n = await spawnReady();
	} catch (error) {
		removeFolder();
		throw error;
	}
	try {
		api = await N8nApi.connect(baseUrl, OWNER);
	} catch (error) {
		const tail = n8n.logTail();
		await n8n.stop();
		removeFolder();
		throw new Error(`${(error as Error).message}\n--- n8n log ---\n${tail}`);
	}
	return {
		get pid() {
			return n8n.pid;
		},
		baseUrl,
		port,
		userFolder,
		env,
		api,
		logFile,
		logTail: (lines?: number) => n8n.logTail(lines),
		kill: (signal: NodeJS.Signals = 'SIGKILL') => n8n.kill(signal),
		async restart() {
			await n8n.stop();
			n8n = await spawnReady();
		},
		async stop() {
			await n8n.stop();
			removeFolder();
		},
	};
}
