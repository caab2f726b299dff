import axios from 'axios';
import { randomUUID } from 'crypto';

import { hasRedis, startQueueMode, type QueueModeInstance } from './harness/queue-mode';
import { chain } from './harness/workflow';

const redis = hasRedis();
if (!redis) process.stdout.write('[e2e] queue-mode.test.ts skipped: redis-server is not installed (scripts/install-system-packages.sh)\n');

(redis ? describe : describe.skip)('n8n in queue mode (Redis + main + worker)', () => {
	let n8n: QueueModeInstance;

	beforeAll(async () => {
		n8n = await startQueueMode();
	});
	afterAll(async () => {
		await n8n?.stop();
	});

	it('runs webhook executions on the worker', async () => {
		const path = `queue-${randomUUID()}`;
		const workflow = chain('queue smoke', [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhook: true,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
			},
		]);
		const id = await n8n.api.createWorkflow(workflow);
		await n8n.api.activate(id);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		await n8n.api.waitForWebhook(url);
		const response = await axios.post(url, { ping: 1 }, { validateStatus: () => true });
		expect(response.status).toBe(200);
		expect(response.data.body).toEqual({ ping: 1 });
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
		expect(n8n.workerLogTail(500)).toMatch(new RegExp(`Worker (started|finished) execution ${execution.id}\\b`));
	});
});
