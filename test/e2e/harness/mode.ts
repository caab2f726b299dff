import { startN8n, type N8nInstance, type StartOptions } from './n8n-server';
import { startQueueMode } from './queue-mode';

/**
 * `queue` when the suite runs against n8n in queue mode (Redis + worker), `webhook` for queue mode with a separate
 * `n8n webhook` process serving production webhooks (only suites that use `webhookBase()` support it), else `single`.
 */
export const N8N_MODE =
	process.env.CHAT_BRIDGE_N8N_MODE === 'queue' ? 'queue' : process.env.CHAT_BRIDGE_N8N_MODE === 'webhook' ? 'webhook' : 'single';

/** The n8n every e2e suite starts: single process, or queue mode when CHAT_BRIDGE_N8N_MODE=queue. */
export function startTestN8n(
	options: Pick<StartOptions, 'env' | 'userFolder' | 'skipInstall'> & { workerFirst?: boolean } = {},
): Promise<N8nInstance> {
	if (N8N_MODE === 'webhook') return startQueueMode({ ...options, webhookProcess: true });
	return N8N_MODE === 'queue' ? startQueueMode(options) : startN8n(options);
}

/** Base URL production webhooks are served on (the webhook process when there is one). */
export function webhookBase(n8n: N8nInstance): string {
	return (n8n as N8nInstance & { webhookBaseUrl?: string }).webhookBaseUrl ?? n8n.baseUrl;
}

/**
 * Stops n8n (every process of it) and starts it again on the same user folder, database and package. Only for an
 * instance started with an explicit `userFolder` (otherwise `stop()` deletes the folder). `workerFirst`: in queue mode,
 * the worker is up before main starts resuming waiting executions (see `startQueueMode`).
 */
export async function restartTestN8n(
	n8n: N8nInstance,
	options: Pick<StartOptions, 'env'> & { workerFirst?: boolean } = {},
): Promise<N8nInstance> {
	await n8n.stop();
	return startTestN8n({ ...options, userFolder: n8n.userFolder, skipInstall: true });
}
