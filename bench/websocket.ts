import { performance } from 'perf_hooks';

import { RetailCrmBotApi } from '../credentials/RetailCrmBotApi.credentials';
import { RetailCrmBotTrigger } from '../nodes/RetailCrm/RetailCrmBotTrigger.node';
import { startTrigger } from '../test/engine/harness';
import { startRetailCrmSimulator } from '../test/simulators/retailcrm';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function heapMiB(): number {
	(globalThis as { gc?: () => void }).gc?.();
	return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
}

/**
 * retailCRM WebSocket trigger inside n8n-core's TriggerContext: `total` message_new frames from a local
 * MessageGateway simulator, measured until the trigger has emitted them all, with the heap after each fifth.
 */
export async function websocketTable(total: number): Promise<string> {
	const sim = await startRetailCrmSimulator();
	const trigger = await startTrigger({
		nodeType: new RetailCrmBotTrigger(),
		parameters: { events: ['message_new'], settings: { catchUpIntervalMinutes: 0 } },
		credentials: [{ type: new RetailCrmBotApi(), data: { endpointUrl: sim.url, token: sim.botToken } }],
		keepItems: false,
	});
	try {
		const heap: number[] = [heapMiB()];
		const step = Math.ceil(total / 5);
		const started = performance.now();
		for (let sent = 0; sent < total; ) {
			const batch = Math.min(500, total - sent);
			for (let i = 0; i < batch; i++) {
				const id = 1_000_000 + sent + i;
				const time = new Date().toISOString();
				sim.sendEvent('message_new', {
					message: {
						id,
						chat_id: 7,
						type: 'text',
						scope: 'public',
						content: `message ${id}`,
						from: { id: 907, type: 'customer', name: 'Ivan' },
						time,
						created_at: time,
						updated_at: time,
						channel_id: 3,
						chat: { id: 7, channel: { id: 3, type: 'telegram' } },
					},
				});
			}
			sent += batch;
			while (trigger.count() < sent - 2000) await delay(1);
			if (sent % step === 0 || sent === total) {
				while (trigger.count() < sent) await delay(1);
				heap.push(heapMiB());
			}
		}
		const seconds = (performance.now() - started) / 1000;
		return [
			'| figure | value | target |',
			'|---|---:|---|',
			`| events emitted | ${total} in ${seconds.toFixed(1)} s | |`,
			`| events per second | ${(total / seconds).toFixed(0)} | >= 2000 |`,
			`| heap MiB after each ${step} events | ${heap.join(' → ')} | flat |`,
			`| errors reported by the trigger | ${trigger.errors.length} | 0 |`,
		].join('\n');
	} finally {
		await trigger.close();
		await sim.stop();
	}
}
