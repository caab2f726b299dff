import axios from 'axios';
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

import { installPackage } from './install-package';
import { n8nEnvironment, startN8n, type N8nInstance } from './n8n-server';
import { N8N_BIN } from './paths';
import { freePort } from './ports';
import { inheritedEnvironment, spawnManaged, type ManagedProcess } from './processes';
import { waitFor } from './wait';

export interface QueueModeInstance extends N8nInstance {
	workerPid: number;
	/** With `webhookProcess`: where production webhooks are served (the `n8n webhook` process). */
	webhookBaseUrl?: string;
	workerLogTail(lines?: number): string;
}

export function hasRedis(): boolean {
	try {
		execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('error', () => resolve(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
	});
}

/**
 * n8n in queue mode on one machine: a private Redis, the main process (webhooks, triggers, API) and one
 * worker that runs the executions, all with the package installed in one shared user folder.
 */
export async function startQueueMode(
	options: {
		env?: Record<string, string>;
		userFolder?: string;
		skipInstall?: boolean;
		/** Serve production webhooks from a separate `n8n webhook` process (main serves none). */
		webhookProcess?: boolean;
		/**
		 * Start the worker before main (only on a database main has set up before). A worker that starts while main
		 * runs marks as crashed the executions it ran before that main has meanwhile resumed and queued.
		 */
		workerFirst?: boolean;
	} = {},
): Promise<QueueModeInstance> {
	if (!hasRedis()) throw new Error('redis-server is not installed (scripts/install-system-packages.sh installs it)');
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'chat-bridge-queue-'));
	if (!options.skipInstall) installPackage(userFolder);
	const started: ManagedProcess[] = [];
	let stopMain: (() => Promise<void>) | undefined;
	const stopAll = async () => {
		await stopMain?.();
		for (const process of started.reverse()) await process.stop();
		if (!options.userFolder && globalThis.process.env.CHAT_BRIDGE_KEEP_N8N !== 'true') {
			rmSync(userFolder, { recursive: true, force: true });
		}
	};
	try {
		const redisPort = await freePort();
		const redis = spawnManaged(
			'redis-server',
			['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			inheritedEnvironment(),
			join(userFolder, 'redis.log'),
		);
		started.push(redis);
		await waitFor('redis', async () => ((await redisPing(redisPort)) ? true : undefined), { timeoutMs: 15_000 });

		const webhookPort = options.webhookProcess ? await freePort() : undefined;
		const queueEnv: Record<string, string> = {
			...options.env,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			...(webhookPort ? { N8N_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/` } : {}),
		};
		const mainPort = await freePort();
		const startMain = async (): Promise<N8nInstance> => {
			const instance = await startN8n({
				userFolder,
				skipInstall: true,
				port: mainPort,
				env: webhookPort ? { ...queueEnv, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : queueEnv,
			});
			stopMain = instance.stop;
			return instance;
		};
		let main = options.workerFirst ? undefined : await startMain();

		const healthPort = await freePort();
		const worker = spawnManaged(
			globalThis.process.execPath,
			[N8N_BIN, 'worker', '--concurrency=10'],
			{
				...inheritedEnvironment(),
				...n8nEnvironment(userFolder, mainPort, await freePort()),
				...queueEnv,
				N8N_LOG_LEVEL: 'info',
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			},
			join(userFolder, 'worker.log'),
		);
		started.push(worker);
		await Promise.race([
			worker.exited,
			waitFor(
				'n8n worker health',
				async () => {
					const response = await axios.get(`http://127.0.0.1:${healthPort}/healthz`, { validateStatus: () => true });
					return response.status === 200 ? true : undefined;
				},
				{ timeoutMs: 120_000, intervalMs: 250 },
			),
		]);
		main ??= await startMain();
		// The main instance itself is returned (not a copy), so its kill() and restart() keep pid and api current;
		// they act on the main process only (Redis and the worker keep running).
		if (!webhookPort) return Object.assign(main, { workerPid: worker.pid, workerLogTail: worker.logTail, stop: stopAll });

		const webhook = spawnManaged(
			globalThis.process.execPath,
			[N8N_BIN, 'webhook'],
			{ ...inheritedEnvironment(), ...n8nEnvironment(userFolder, webhookPort, await freePort()), ...queueEnv },
			join(userFolder, 'webhook.log'),
		);
		started.push(webhook);
		const webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;
		await Promise.race([
			webhook.exited,
			waitFor(
				'n8n webhook process health',
				async () => {
					const response = await axios.get(`${webhookBaseUrl}/healthz`, { validateStatus: () => true });
					return response.status === 200 ? true : undefined;
				},
				{ timeoutMs: 120_000, intervalMs: 250 },
			),
		]);
		return Object.assign(main, { workerPid: worker.pid, workerLogTail: worker.logTail, webhookBaseUrl, stop: stopAll });
	} catch (error) {
		const logs = started.map((process) => `--- ${process.logFile} ---\n${process.logTail(20)}`).join('\n');
		await stopAll();
		throw new Error(`${(error as Error).message}\n${logs}`);
	}
}
