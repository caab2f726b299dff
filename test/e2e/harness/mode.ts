import { startN8n, type N8nInstance, type StartOptions } from './n8n-server';
import { startQueueMode } from './queue-mode';

/** `queue` when the suite runs against n8n in queue mode (Redis + worker), else `single`. */
export const N8N_MODE = process.env.CHAT_BRIDGE_N8N_MODE === 'queue' ? 'queue' : 'single';

/** The n8n every e2e suite starts: single process, or queue mode when CHAT_BRIDGE_N8N_MODE=queue. */
export function startTestN8n(options: Pick<StartOptions, 'env' | 'userFolder' | 'skipInstall'> = {}): Promise<N8nInstance> {
	return N8N_MODE === 'queue' ? startQueueMode(options) : startN8n(options);
}
