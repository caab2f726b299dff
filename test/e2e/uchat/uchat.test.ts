import axios from 'axios';

import { nodeOutput } from '../harness/n8n-api';
import { N8N_MODE, startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { delay, waitFor } from '../harness/wait';
import { chain, webhookUrl } from '../harness/workflow';
import { inbound, outbound, UChatSimulator } from '../../simulators/uchat';

/** Waits until n8n routes POST on a path: a GET then gets n8n's "did you mean POST" 404 or the node's own answer. */
async function waitForPostRoute(url: string): Promise<void> {
	await waitFor(
		`POST route ${url}`,
		async () => {
			const response = await axios.get(url, { validateStatus: () => true });
			const text = typeof response.data === 'string' ? response.data : JSON.stringify(response.data);
			return response.status !== 404 || /did you mean/i.test(text) ? true : undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 250 },
	);
}

const sender = { id: 'contact-42', name: 'John', email: 'john@example.com', phone_number: '+61400000000', type: 'contact' as const };
const quietSender = { id: 'contact-42', name: '', email: '', phone_number: '', type: 'contact' as const };

const singleModeIt = N8N_MODE === 'single' ? it : it.skip;

let sharedPartner: { id: string; name: string };

/** A workflow with only a UChat Trigger (named "UChat Trigger"). */
function triggerWorkflow(name: string, parameters: Record<string, unknown>, credential?: { id: string; name: string }) {
	return chain(name, [
		{
			name: 'UChat Trigger',
			type: nodeType('uChatTrigger'),
			webhook: true,
			parameters,
			credentials: { uChatPartnerApi: credential ?? sharedPartner },
		},
	]);
}

describe('UChat API Chat in real n8n', () => {
	let n8n: N8nInstance;
	let sim: UChatSimulator;
	let partner: { id: string; name: string };
	let flow: { id: string; name: string };

	beforeAll(async () => {
		sim = new UChatSimulator();
		await sim.start();
		n8n = await startTestN8n();
		partner = await n8n.api.createCredential('uChatPartnerApi', { baseUrl: sim.url, apiKey: sim.partnerKey });
		sharedPartner = partner;
		flow = await n8n.api.createCredential('uChatApi', { baseUrl: sim.url, apiKey: sim.flowKey, botUrl: '' });
	});
	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	describe('trigger with automatic registration', () => {
		const workspaceId = 'ws-trigger';
		let workflowId: string;
		let url: string;
		const trigger = 'UChat Trigger';

		beforeAll(async () => {
			const wf = triggerWorkflow('uchat trigger', { registration: 'automatic', workspaceId });
			workflowId = await n8n.api.createWorkflow(wf);
			url = webhookUrl(n8n.baseUrl, wf.nodes[0]);
			await n8n.api.activate(workflowId);
			await waitFor('verified registration', () =>
				sim.registration(workspaceId).webhook_status === 'verified' ? true : undefined,
			);
		});

		it('registers its production URL and passes UChat\'s verification', () => {
			const registration = sim.registration(workspaceId);
			expect(registration.webhook_url).toBe(url);
			expect(registration.webhook_verification_key).toMatch(/^[0-9a-f]{64}$/);
			const verification = sim.verifications.filter((v) => v.workspaceId === workspaceId).pop()!;
			expect(verification).toMatchObject({ ok: true, status: 200, url });
			expect(verification.responseBody).toBe(verification.challenge);
			expect(verification.contentType).toMatch(/^text\/plain/);
			const posts = sim.partnerRequests().filter((r) => r.method === 'POST');
			expect(posts.pop()!.body).toEqual({ webhook_url: url, webhook_verification_key: registration.webhook_verification_key });
		});

		it.each(['form', 'json', 'query', 'get'] as const)('answers a %s verification request with the challenge only', async (encoding) => {
			const before = await n8n.api.settledExecutionCount(workflowId, 0);
			const key = sim.registration(workspaceId).webhook_verification_key;
			const result = await sim.verify(url, key, encoding);
			expect(result.status).toBe(200);
			expect(result.body).toBe(result.challenge);
			expect(result.contentType).toMatch(/^text\/plain/);
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(before);
		});

		it.each(['form', 'json', 'get'] as const)('refuses a %s verification request with a wrong token (403)', async (encoding) => {
			const before = await n8n.api.settledExecutionCount(workflowId, 0);
			const result = await sim.verify(url, 'wrong-token', encoding);
			expect(result.status).toBe(403);
			expect(result.body).not.toContain(result.challenge);
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(before);
		});

		// Queue mode: the eight executions all finish (the database shows them successful), but this case times out
		// waiting for them through the public API; not diagnosed yet, so it runs in single-process mode only.
		singleModeIt('emits every message type in the common shape with botUrl and x-flow-ns', async () => {
			const cases = [
				inbound.text,
				inbound.buttonTemplate,
				inbound.genericTemplate,
				inbound.image,
				inbound.audio,
				inbound.video,
				inbound.file,
			];
			const before = (await n8n.api.executions(workflowId, false)).length;
			for (const payload of cases) {
				const result = await sim.deliver(workspaceId, payload);
				expect(result.status).toBe(200);
			}
			const executions = await n8n.api.waitForExecutions(workflowId, before + cases.length);
			const outputs = executions.slice(before).map((execution) => nodeOutput(execution, trigger)[0]);
			const botUrl = sim.registration(workspaceId).bot_url;
			expect(outputs.map((o) => o.raw)).toEqual(cases);
			for (const output of outputs) {
				expect(output).toMatchObject({
					platform: 'uchat',
					event: 'messages',
					channelId: workspaceId,
					chatId: '123',
					userId: 'contact-42',
					uchat: { flowNs: sim.flowNs, botUrl },
				});
			}
			expect(outputs[0]).toMatchObject({ text: 'Hello from the bot', private: false, uchat: { messageType: 'text' } });
			expect(outputs[1]).toMatchObject({ uchat: { contentType: 'button_template', buttons: [
				{ type: 'postback', title: 'Yes', payload: 'ANSWER_YES' },
				{ type: 'postback', title: 'No', payload: 'ANSWER_NO' },
			] } });
			expect(outputs[2]).toMatchObject({ uchat: { contentType: 'generic_template', ratio: 'horizontal' } });
			expect(((outputs[2].uchat as { cards: unknown[] }).cards).length).toBe(2);
			expect(outputs[3].attachments).toEqual([{ type: 'image', url: inbound.image.url }]);
			expect(outputs[4].attachments).toEqual([{ type: 'audio', url: inbound.audio.url }]);
			expect(outputs[5].attachments).toEqual([{ type: 'video', url: inbound.video.url }]);
			expect(outputs[6].attachments).toEqual([{ type: 'file', url: inbound.file.url }]);
		});

		it('keeps private agent notes out of the workflow unless Include Private Notes is on', async () => {
			const before = (await n8n.api.executions(workflowId, false)).length;
			expect((await sim.deliver(workspaceId, inbound.privateNote)).status).toBe(200);
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(before);

			const notesWorkspace = 'ws-notes';
			const wf = triggerWorkflow('uchat trigger with notes', { registration: 'automatic', workspaceId: notesWorkspace, includePrivateNotes: true });
			const notesWorkflow = await n8n.api.createWorkflow(wf);
			await n8n.api.activate(notesWorkflow);
			await waitFor('verified registration', () =>
				sim.registration(notesWorkspace)?.webhook_status === 'verified' ? true : undefined,
			);
			expect((await sim.deliver(notesWorkspace, inbound.privateNote)).status).toBe(200);
			const [execution] = await n8n.api.waitForExecutions(notesWorkflow, 1);
			expect(nodeOutput(execution, trigger)[0]).toMatchObject({ private: true, author: 'operator', text: 'Internal note for agents' });
			await n8n.api.deactivate(notesWorkflow);
		});

		it('rejects bad, missing and foreign signatures and tampered bodies with 401, without executions', async () => {
			const before = await n8n.api.settledExecutionCount(workflowId, 0);
			const bad = await sim.deliver(workspaceId, inbound.text, { signature: 'sha256=' + '0'.repeat(64) });
			const missing = await sim.deliver(workspaceId, inbound.text, { signature: null });
			const foreign = await sim.deliver(workspaceId, inbound.text, { key: 'someone-elses-key' });
			const tampered = await sim.deliver(workspaceId, inbound.text, { tamper: (raw) => raw.replace('Hello', 'Hijack') });
			for (const result of [bad, missing, foreign, tampered]) {
				expect(result.status).toBe(401);
				expect(JSON.parse(result.body)).toEqual({ error: { message: 'Missing or invalid X-Hub-Signature-256' } });
			}
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(before);
		});

		it('answers 400 to a signed body that is not a UChat message, without executions', async () => {
			const before = await n8n.api.settledExecutionCount(workflowId, 0);
			const broken = await sim.deliver(workspaceId, '{not json');
			const incomplete = await sim.deliver(workspaceId, { text: 'no ids' });
			expect(broken.status).toBe(400);
			expect(incomplete.status).toBe(400);
			expect(JSON.parse(incomplete.body).error.message).toMatch(/body\.(sender_id|conv_id)/);
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(before);
		});

		it('removes the registration on deactivation and registers once again on reactivation', async () => {
			const postsBefore = sim.partnerRequests().filter((r) => r.method === 'POST').length;
			await n8n.api.deactivate(workflowId);
			await waitFor('registration removed', () => (sim.registration(workspaceId).webhook_url === '' ? true : undefined));
			expect(sim.partnerRequests().filter((r) => r.method === 'DELETE').length).toBeGreaterThan(0);
			await n8n.api.activate(workflowId);
			await waitFor('registered again', () => (sim.registration(workspaceId).webhook_url === url ? true : undefined));
			expect(sim.partnerRequests().filter((r) => r.method === 'POST').length).toBe(postsBefore + 1);
			await n8n.api.deactivate(workflowId);
			await waitFor('registration removed', () => (sim.registration(workspaceId).webhook_url === '' ? true : undefined));
		});
	});

	describe('"Listen for test event" (test webhooks)', () => {
		it('refuses to take over the active production registration, and works once the workflow is inactive', async () => {
			const workspaceId = 'ws-test-mode';
			const wf = triggerWorkflow('uchat test mode', { registration: 'automatic', workspaceId });
			const id = await n8n.api.createWorkflow(wf);
			const production = webhookUrl(n8n.baseUrl, wf.nodes[0]);
			const testUrl = production.replace('/webhook/', '/webhook-test/');
			await n8n.api.activate(id);
			await waitFor('production registration', () => (sim.registration(workspaceId).webhook_url === production ? true : undefined));

			const refused = await n8n.api.runManually(id, 'UChat Trigger');
			expect(refused.status).toBeGreaterThanOrEqual(400);
			expect(JSON.stringify(refused.data)).toMatch(/production URL/);
			expect(sim.registration(workspaceId).webhook_url).toBe(production);

			await n8n.api.deactivate(id);
			await waitFor('production registration removed', () => (sim.registration(workspaceId).webhook_url === '' ? true : undefined));
			const listening = await n8n.api.runManually(id, 'UChat Trigger');
			expect(listening.status).toBe(200);
			expect(listening.data.data).toMatchObject({ waitingForWebhook: true });
			expect(sim.registration(workspaceId)).toMatchObject({ webhook_url: testUrl, webhook_status: 'verified' });
			expect((await sim.deliver(workspaceId, inbound.text)).status).toBe(200);
			// the test registration ends after the first execution: delete() removes it from UChat
			await waitFor('test registration removed', () => (sim.registration(workspaceId).webhook_url === '' ? true : undefined));
		});
	});

	describe('trigger deactivation leaves a foreign registration alone', () => {
		it('does not delete a webhook that points elsewhere', async () => {
			const workspaceId = 'ws-foreign';
			const wf = triggerWorkflow('uchat foreign', { registration: 'automatic', workspaceId });
			const id = await n8n.api.createWorkflow(wf);
			await n8n.api.activate(id);
			await waitFor('verified', () => (sim.registration(workspaceId).webhook_status === 'verified' ? true : undefined));
			sim.setRegistration(workspaceId, { webhook_url: 'https://elsewhere.example.com/hook', webhook_verification_key: 'k', webhook_status: 'verified' });
			const deletesBefore = sim.partnerRequests().filter((r) => r.method === 'DELETE').length;
			await n8n.api.deactivate(id);
			await waitFor('deactivation checked the registration', async () => {
				const workflow = await n8n.api.getWorkflow(id);
				return workflow.active === false ? true : undefined;
			});
			await delay(1500);
			expect(sim.partnerRequests().filter((r) => r.method === 'DELETE').length).toBe(deletesBefore);
			expect(sim.registration(workspaceId).webhook_url).toBe('https://elsewhere.example.com/hook');
		});

		it('refuses to publish over a workspace registered elsewhere, unless Replace Another Registration is on', async () => {
			const workspaceId = 'ws-taken';
			sim.setRegistration(workspaceId, { webhook_url: 'https://elsewhere.example.com/hook', webhook_verification_key: 'k', webhook_status: 'verified' });
			const create = (replaceOtherRegistration: boolean) =>
				triggerWorkflow('uchat taken', { registration: 'automatic', workspaceId, replaceOtherRegistration });
			const refused = await n8n.api.createWorkflow(create(false));
			await n8n.api.publishExpectingFailure(refused, 'already points to another URL');
			// Unpublished, so that n8n stops retrying it; its delete() only reads the registration.
			const reads = () => sim.partnerRequests().filter((r) => r.method === 'GET' && r.path.includes(workspaceId)).length;
			const readsBefore = reads();
			await n8n.api.deactivate(refused);
			await waitFor('the unpublished trigger checked the registration', () => (reads() > readsBefore ? true : undefined));
			expect(sim.registration(workspaceId).webhook_url).toBe('https://elsewhere.example.com/hook');
			const taking = create(true);
			const id = await n8n.api.createWorkflow(taking);
			await n8n.api.activate(id);
			const own = webhookUrl(n8n.baseUrl, taking.nodes[0]);
			await waitFor('the workspace taken over', () => (sim.registration(workspaceId).webhook_url === own ? true : undefined));
			expect(sim.registration(workspaceId).webhook_status).toBe('verified');
			await n8n.api.deactivate(id);
			await waitFor('registration removed', () => (sim.registration(workspaceId).webhook_url === '' ? true : undefined));
		});
	});

	/** A delivery that arrives before n8n saved the registration carries no botUrl (docs/uchat.md). */
	const registrationSaved = (workflowId: string) =>
		waitFor('the registration saved', async () => {
			const { staticData } = await n8n.api.getWorkflow(workflowId);
			return JSON.stringify(staticData ?? {}).includes('registeredKey') ? true : undefined;
		});

	describe('credential tests', () => {
		it('prove the partner key and the flow key against UChat, which checks them', async () => {
			const before = sim.requests.length;
			expect(await n8n.api.testCredential('uChatPartnerApi', { baseUrl: sim.url, apiKey: sim.partnerKey })).toMatchObject({ status: 'OK' });
			expect(await n8n.api.testCredential('uChatPartnerApi', { baseUrl: sim.url, apiKey: 'wrong' })).toMatchObject({ status: 'Error' });
			expect(await n8n.api.testCredential('uChatApi', { baseUrl: sim.url, apiKey: sim.flowKey, botUrl: '' })).toMatchObject({ status: 'OK' });
			expect(await n8n.api.testCredential('uChatApi', { baseUrl: sim.url, apiKey: 'wrong', botUrl: '' })).toMatchObject({ status: 'Error' });
			const probes = sim.requests.slice(before).map((r) => `${r.method} ${r.path}`);
			expect(new Set(probes)).toEqual(new Set(['GET /api/partner/workspaces', 'GET /api/flow/bot-users-count']));
		});
	});

	describe('partner key change', () => {
		it('keeps deliveries working after the partner key changes, without publishing again', async () => {
			const workspaceId = 'ws-rotate';
			const data = { baseUrl: sim.url, apiKey: sim.partnerKey };
			const rotating = await n8n.api.createCredential('uChatPartnerApi', data);
			const wf = triggerWorkflow('uchat rotate', { registration: 'automatic', workspaceId }, rotating);
			const id = await n8n.api.createWorkflow(wf);
			await n8n.api.activate(id);
			await waitFor('verified registration', () => (sim.registration(workspaceId).webhook_status === 'verified' ? true : undefined));
			await registrationSaved(id);
			expect((await sim.deliver(workspaceId, inbound.text)).status).toBe(200);
			const original = sim.partnerKey;
			sim.partnerKey = 'partner-key-rotated';
			try {
				await n8n.api.updateCredential(rotating, 'uChatPartnerApi', { ...data, apiKey: sim.partnerKey });
				const after = await sim.deliver(workspaceId, inbound.text);
				expect(after.status).toBe(200);
				expect(sim.registration(workspaceId).webhook_url).toBe(webhookUrl(n8n.baseUrl, wf.nodes[0]));
				const executions = await n8n.api.waitForExecutions(id, 2);
				expect(executions.map((execution) => (nodeOutput(execution, 'UChat Trigger')[0].uchat as { botUrl?: string } | undefined)?.botUrl)).toEqual([
					sim.registration(workspaceId).bot_url,
					sim.registration(workspaceId).bot_url,
				]);
				await n8n.api.deactivate(id);
				await waitFor('registration removed', () => (sim.registration(workspaceId).webhook_url === '' ? true : undefined));
			} finally {
				sim.partnerKey = original;
			}
		});
	});

	describe('trigger with manual registration', () => {
		it('verifies with the typed key and checks signatures with it', async () => {
			const workspaceId = 'ws-manual';
			const key = 'my-own-verification-key';
			const wf = chain('uchat manual', [
				{
					name: 'UChat Trigger',
					type: nodeType('uChatTrigger'),
					webhook: true,
					parameters: { registration: 'manual', verificationKey: key },
				},
			]);
			const id = await n8n.api.createWorkflow(wf);
			await n8n.api.activate(id);
			const url = webhookUrl(n8n.baseUrl, wf.nodes[0]);
			await waitForPostRoute(url);
			const partnerCalls = sim.partnerRequests().length;
			sim.setRegistration(workspaceId, { webhook_url: url, webhook_verification_key: key, webhook_status: 'verified' });
			const ok = await sim.verify(url, key, 'form');
			expect(ok.status).toBe(200);
			expect(ok.body).toBe(ok.challenge);
			expect((await sim.verify(url, 'nope', 'form')).status).toBe(403);
			expect((await sim.deliver(workspaceId, inbound.text, { key: 'nope' })).status).toBe(401);
			expect((await sim.deliver(workspaceId, inbound.image)).status).toBe(200);
			const [execution] = await n8n.api.waitForExecutions(id, 1);
			const [item] = nodeOutput(execution, 'UChat Trigger');
			expect(item).toMatchObject({ chatId: '123', attachments: [{ type: 'image', url: inbound.image.url }] });
			expect(item).not.toHaveProperty('uchat.botUrl');
			expect(await n8n.api.settledExecutionCount(id)).toBe(1);
			expect(sim.partnerRequests().length).toBe(partnerCalls);
			await n8n.api.deactivate(id);
		});
	});

	describe('action: send to bot_url', () => {
		const workspaceId = 'ws-action';
		let botUrl: string;

		beforeAll(() => {
			sim.setRegistration(workspaceId, { webhook_url: 'https://n8n.example.com/hook', webhook_verification_key: 'k', webhook_status: 'verified' });
			botUrl = sim.registration(workspaceId).bot_url;
		});

		async function run(path: string, parameters: Record<string, unknown>, input: Record<string, unknown>) {
			const wf = chain(`uchat action ${path}`, [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhook: true,
					parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries' },
				},
				{ name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}' } },
				{ name: 'UChat', type: nodeType('uChat'), parameters, credentials: { uChatApi: flow, uChatPartnerApi: partner } },
			]);
			const id = await n8n.api.createWorkflow(wf);
			await n8n.api.activate(id);
			const url = `${n8n.baseUrl}/webhook/${path}`;
			await waitForPostRoute(url);
			const before = sim.botRequests().length;
			const response = await axios.post(url, input, { validateStatus: () => true });
			return { response, sent: sim.botRequests().slice(before), id };
		}

		it('sends text and every attachment type from the common message shape', async () => {
			const attachments = [
				{ type: 'image', url: 'https://cdn.example.com/i.png' },
				{ type: 'audio', url: 'https://cdn.example.com/a.mp3' },
				{ type: 'video', url: 'https://cdn.example.com/v.mp4' },
				{ type: 'file', url: 'https://cdn.example.com/f.pdf', name: 'f.pdf' },
			];
			const { response, sent } = await run(
				'uchat-send',
				{ resource: 'message', operation: 'send' },
				{ uchat: { botUrl }, chatId: '123', userId: 'contact-42', text: 'Hi bot', attachments },
			);
			expect(response.status).toBe(200);
			expect(response.data[0]).toMatchObject({ success: true, conversationId: 123, messages: 5 });
			expect(sent.map((r) => r.rawBody)).toEqual([
				JSON.stringify(outbound.text('Hi bot', quietSender, 123)),
				...attachments.map((a) => JSON.stringify(outbound.media(a.type as 'image', a.url, quietSender, 123))),
			]);
			for (const request of sent) {
				expect(request.method).toBe('POST');
				expect(request.headers.authorization).toBe(`Bearer ${sim.flowKey}`);
				expect(request.headers['content-type']).toMatch(/^application\/json/);
				expect(request.path).toBe(new URL(botUrl).pathname);
			}
		});

		it('sends a button postback with the sender details', async () => {
			const { response, sent } = await run(
				'uchat-postback',
				{
					resource: 'message',
					operation: 'sendPostback',
					buttonTitle: '={{ $json.title }}',
					buttonPayload: '={{ $json.payload }}',
					senderDetails: { name: 'John', email: 'john@example.com', phone: '+61400000000' },
				},
				{ uchat: { botUrl }, chatId: 123, userId: 'contact-42', title: 'Yes', payload: 'ANSWER_YES' },
			);
			expect(response.status).toBe(200);
			expect(sent.map((r) => r.rawBody)).toEqual([JSON.stringify(outbound.postback('Yes', 'ANSWER_YES', sender, 123))]);
		});

		it.each(['image', 'audio', 'video', 'file'] as const)('sends one %s with Send Media', async (mediaType) => {
			const { response, sent } = await run(
				`uchat-media-${mediaType}`,
				{ resource: 'message', operation: 'sendMedia', mediaType, mediaUrl: '={{ $json.link }}' },
				{ uchat: { botUrl }, chatId: '77', userId: 'contact-42', link: `https://cdn.example.com/x.${mediaType}` },
			);
			expect(response.status).toBe(200);
			expect(sent.map((r) => r.body)).toEqual([outbound.media(mediaType, `https://cdn.example.com/x.${mediaType}`, quietSender, 77)]);
		});

		it('falls back to the bot URL of the credential', async () => {
			const withBotUrl = await n8n.api.createCredential('uChatApi', { baseUrl: sim.url, apiKey: sim.flowKey, botUrl });
			const wf = chain('uchat credential bot url', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhook: true,
					parameters: { httpMethod: 'POST', path: 'uchat-credential-bot', responseMode: 'lastNode', responseData: 'allEntries' },
				},
				{
					name: 'UChat',
					type: nodeType('uChat'),
					parameters: { resource: 'message', operation: 'send', conversationId: '5', senderId: 'u5', text: 'From credential' },
					credentials: { uChatApi: withBotUrl },
				},
			]);
			const id = await n8n.api.createWorkflow(wf);
			await n8n.api.activate(id);
			const url = `${n8n.baseUrl}/webhook/uchat-credential-bot`;
			await waitForPostRoute(url);
			const before = sim.botRequests().length;
			const response = await axios.post(url, {}, { validateStatus: () => true });
			expect(response.status).toBe(200);
			expect(sim.botRequests().slice(before).map((r) => r.body)).toEqual([
				outbound.text('From credential', { ...quietSender, id: 'u5' }, 5),
			]);
		});

		it('fails on a non-integer conversation id without calling the bot', async () => {
			const { response, sent } = await run(
				'uchat-bad-conversation',
				{ resource: 'message', operation: 'send' },
				{ uchat: { botUrl }, chatId: 'not-a-number', userId: 'contact-42', text: 'x' },
			);
			expect(sent).toHaveLength(0);
			expect(response.status).toBe(500);
		});

		it('sends the flow key to no host the credential does not name', async () => {
			// The simulator under another host name: the request would reach it if the node allowed it.
			const elsewhere = botUrl.replace('127.0.0.1', 'localhost');
			expect(elsewhere).not.toBe(botUrl);
			const { response, sent, id } = await run(
				'uchat-foreign-bot-url',
				{ resource: 'message', operation: 'send' },
				{ uchat: { botUrl: elsewhere }, chatId: '123', userId: 'contact-42', text: 'x' },
			);
			expect(sent).toHaveLength(0);
			expect(response.status).toBe(500);
			const [execution] = await n8n.api.waitForExecutions(id, 1);
			expect(JSON.stringify(execution.data)).toContain('\\"Bot URL\\" points to localhost');
		});
	});

	describe('trigger feeding the action (echo bridge)', () => {
		it('answers a bot reply through the botUrl of the trigger output with zero mapping', async () => {
			const workspaceId = 'ws-bridge';
			const wf = chain('uchat bridge', [
				{
					name: 'UChat Trigger',
					type: nodeType('uChatTrigger'),
					webhook: true,
					parameters: { registration: 'automatic', workspaceId },
					credentials: { uChatPartnerApi: partner },
				},
				{ name: 'UChat', type: nodeType('uChat'), parameters: { resource: 'message', operation: 'send' }, credentials: { uChatApi: flow } },
			]);
			const id = await n8n.api.createWorkflow(wf);
			await n8n.api.activate(id);
			await waitFor('verified', () => (sim.registration(workspaceId).webhook_status === 'verified' ? true : undefined));
			await registrationSaved(id);
			const before = sim.botRequests().length;
			expect((await sim.deliver(workspaceId, inbound.text)).status).toBe(200);
			const [execution] = await n8n.api.waitForExecutions(id, 1);
			expect(execution.status).toBe('success');
			const sent = sim.botRequests().slice(before);
			expect(sent.map((r) => r.path)).toEqual([new URL(sim.registration(workspaceId).bot_url).pathname]);
			expect(sent[0].body).toEqual(outbound.text('Hello from the bot', quietSender, 123));
			await n8n.api.deactivate(id);
		});
	});

	describe('action: webhook resource (partner API)', () => {
		it('sets, gets and removes the API Chat webhook', async () => {
			const workspaceId = 'ws-partner';
			// The URL being set must answer UChat's verification: use a manual-mode trigger with a known key.
			const key = 'partner-op-key';
			const triggerWf = chain('uchat partner target', [
				{ name: 'UChat Trigger', type: nodeType('uChatTrigger'), webhook: true, parameters: { registration: 'manual', verificationKey: key } },
			]);
			const triggerId = await n8n.api.createWorkflow(triggerWf);
			await n8n.api.activate(triggerId);
			const target = webhookUrl(n8n.baseUrl, triggerWf.nodes[0]);
			await waitForPostRoute(target);

			const ops = async (path: string, parameters: Record<string, unknown>) => {
				const wf = chain(`uchat partner ${path}`, [
					{
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhook: true,
						parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries' },
					},
					{ name: 'UChat', type: nodeType('uChat'), parameters: { resource: 'webhook', workspaceId, ...parameters }, credentials: { uChatPartnerApi: partner } },
				]);
				const id = await n8n.api.createWorkflow(wf);
				await n8n.api.activate(id);
				const url = `${n8n.baseUrl}/webhook/${path}`;
				await waitForPostRoute(url);
				return axios.post(url, {}, { validateStatus: () => true });
			};

			const set = await ops('uchat-partner-set', { operation: 'set', webhookUrl: target, verificationKey: key });
			expect(set.status).toBe(200);
			expect(set.data[0]).toMatchObject({ webhook_url: target, webhook_status: 'verified', has_verification_key: true });
			expect(set.data[0].webhook_verification_key).toBeUndefined();
			expect(sim.registration(workspaceId).webhook_verification_key).toBe(key);

			const get = await ops('uchat-partner-get', { operation: 'get' });
			expect(get.data[0]).toMatchObject({ webhook_url: target, bot_url: sim.registration(workspaceId).bot_url });
			expect(JSON.stringify(get.data)).not.toContain(key);

			const remove = await ops('uchat-partner-remove', { operation: 'remove' });
			expect(remove.data[0]).toMatchObject({ deleted: true, webhook_url: '' });
			expect(sim.registration(workspaceId).webhook_url).toBe('');

			const partnerCalls = sim.partnerRequests().filter((r) => r.path === `/api/partner/workspace/${workspaceId}/apichat-webhook`);
			expect(partnerCalls.map((r) => r.method)).toEqual(['POST', 'GET', 'DELETE']);
			for (const call of partnerCalls) expect(call.headers.authorization).toBe(`Bearer ${sim.partnerKey}`);
			expect(partnerCalls[0].body).toEqual({ webhook_url: target, webhook_verification_key: key });
			expect(partnerCalls[1].rawBody).toBe('');
			await n8n.api.deactivate(triggerId);
		});
	});
});
