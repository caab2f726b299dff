import axios from 'axios';
import { randomUUID } from 'crypto';

import { nodeOutput } from './harness/n8n-api';
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
				// Answered on receipt: a "last node" answer in queue mode waits on Bull's job.finished(), which checks the
				// job and then listens for its completion and can miss a completion that comes in between (README,
				// "Queue mode"); this trivial workflow finishes fast enough to hit that under load.
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
		]);
		const id = await n8n.api.createWorkflow(workflow);
		await n8n.api.activate(id);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		await n8n.api.waitForWebhook(url);
		const response = await axios.post(url, { ping: 1 }, { validateStatus: () => true });
		expect(response.status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Webhook')[0].body).toEqual({ ping: 1 });
		expect(n8n.workerLogTail(500)).toMatch(new RegExp(`Worker (started|finished) execution ${execution.id}\\b`));
	});
});
