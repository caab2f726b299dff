
import { nodeOutput, type WorkflowNode } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { chain, type NodeSpec } from '../harness/workflow';
import { postWhenRegistered } from './post';
import { startRetailCrmSimulator, type RecordedRequest, type RetailCrmSimulator } from '../../simulators/retailcrm';

let n8n: N8nInstance;
let sim: RetailCrmSimulator;
let botCred: { id: string; name: string };
let apiCred: { id: string; name: string };

beforeAll(async () => {
	sim = await startRetailCrmSimulator({ listSizes: { customers: 2500 } });
	n8n = await startTestN8n();
	botCred = await n8n.api.createCredential('retailCrmBotApi', { endpointUrl: sim.url, token: sim.botToken });
	apiCred = await n8n.api.createCredential('retailCrmApi', { accountUrl: sim.url, apiKey: sim.apiKey });
});
afterAll(async () => {
	await n8n?.stop();
	await sim?.stop();
});

let hookCounter = 0;
/** A workflow `Webhook -> nodes...` (each action node runs once); returns the URL that runs it. */
async function webhookWorkflow(name: string, specs: NodeSpec[]): Promise<{ id: string; url: string }> {
	const path = `retailcrm-${++hookCounter}-${Date.now()}`;
	const wf = chain(name, [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhook: true,
			parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries' },
		},
		...specs,
	]);
	for (const node of wf.nodes.slice(1)) (node as WorkflowNode & { executeOnce?: boolean }).executeOnce = true;
	const id = await n8n.api.createWorkflow(wf);
	await n8n.api.activate(id);
	const url = `${n8n.baseUrl}/webhook/${path}`;
	return { id, url };
}

const bot = (name: string, parameters: Record<string, unknown>): NodeSpec => ({
	name,
	type: nodeType('retailCrmBot'),
	parameters,
	credentials: { retailCrmBotApi: botCred },
});

function only(method: string, path: string): RecordedRequest {
	const found = sim.botRequests(method, path);
	expect(found).toHaveLength(1);
	return found[0];
}

describe('retailCRM Bot action node against the simulator', () => {
	it('registers the module with a form field holding the JSON and outputs the endpoint and token', async () => {
		sim.clearRequests();
		const { id, url } = await webhookWorkflow('retailcrm module', [
			{
				name: 'Register',
				type: nodeType('retailCrmBot'),
				credentials: { retailCrmApi: apiCred },
				parameters: {
					resource: 'module',
					operation: 'register',
					code: 'awesomebot-101',
					integrationCode: 'awesomebot',
					name: 'Awesome Bot',
					clientId: 'client-101',
					baseUrl: 'https://bot.example.com/',
					revealToken: true,
					additionalFields: { logo: 'https://bot.example.com/logo.svg', activity: '/activity' },
				},
			},
			{
				name: 'Get',
				type: nodeType('retailCrmBot'),
				credentials: { retailCrmApi: apiCred },
				parameters: { resource: 'module', operation: 'get', code: 'awesomebot-101' },
			},
		]);
		const response = await postWhenRegistered(url, {});
		expect(response.status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Register')[0]).toMatchObject({ success: true, endpointUrl: sim.url, token: sim.botToken });
		expect(nodeOutput(execution, 'Get')[0]).toMatchObject({ code: 'awesomebot-101', clientId: 'client-101' });
		expect(JSON.stringify(nodeOutput(execution, 'Get'))).not.toContain(sim.botToken);

		const edit = sim.requests.find((r) => r.api === 'v5' && r.method === 'POST')!;
		expect(edit.path).toBe('/api/v5/integration-modules/awesomebot-101/edit');
		expect(edit.headers['x-api-key']).toBe(sim.apiKey);
		expect(String(edit.headers['content-type'])).toMatch(/^application\/x-www-form-urlencoded/);
		const module = JSON.parse((edit.body as Record<string, string>).integrationModule);
		expect(module).toEqual({
			code: 'awesomebot-101',
			integrationCode: 'awesomebot',
			active: true,
			name: 'Awesome Bot',
			clientId: 'client-101',
			baseUrl: 'https://bot.example.com',
			logo: 'https://bot.example.com/logo.svg',
			actions: { activity: '/activity' },
			integrations: { mgBot: {} },
		});
		const get = sim.requests.find((r) => r.api === 'v5' && r.method === 'GET')!;
		expect(get.path).toBe('/api/v5/integration-modules/awesomebot-101');
	});

	it('shows retailCRM errorMsg and errors when the registration is rejected', async () => {
		const badCred = await n8n.api.createCredential('retailCrmApi', { accountUrl: sim.url, apiKey: 'wrong-key' });
		const { id, url } = await webhookWorkflow('retailcrm module error', [
			{
				name: 'Register',
				type: nodeType('retailCrmBot'),
				credentials: { retailCrmApi: badCred },
				parameters: { resource: 'module', operation: 'register', code: 'x', integrationCode: 'x', name: 'X', clientId: 'c', baseUrl: 'https://b.example.com' },
			},
		]);
		await postWhenRegistered(url, {});
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toContain('Wrong "apiKey" value.');

		const { id: id2, url: url2 } = await webhookWorkflow('retailcrm module validation', [
			{
				name: 'Register',
				type: nodeType('retailCrmBot'),
				credentials: { retailCrmApi: apiCred },
				parameters: { resource: 'module', operation: 'register', code: 'y', integrationCode: 'y', name: 'Y', clientId: ' ', baseUrl: 'https://b.example.com' },
			},
		]);
		await postWhenRegistered(url2, {});
		const [execution2] = await n8n.api.waitForExecutions(id2, 1);
		expect(execution2.data?.resultData.error?.message).toContain('Validation error; clientId: This value should not be blank.');
	});

	it('runs every Bot API operation with the right method, path, headers and body', async () => {
		sim.clearRequests();
		sim.failNext('/chats', 429, 1, { 'Retry-After': '1' });
		const fileId = 'e038aa39-2338-4285-be86-e2a0bb424daa';
		const { id, url } = await webhookWorkflow('retailcrm bot api', [
			bot('Send Text', {
				resource: 'message',
				operation: 'send',
				chatId: '={{ $json.body.chatId }}',
				text: '={{ $json.body.text }}',
				attachments: '={{ $json.body.attachments }}',
				additionalFields: {
					quoteMessageId: '345',
					scope: 'private',
					suggestions: { suggestion: [{ type: 'text', title: 'Yes' }, { type: 'url', title: 'Site', payload: 'https://e.example' }] },
				},
			}),
			bot('Send Product', { resource: 'message', operation: 'send', chatId: '5', messageType: 'product', product: '{"id":1,"name":"Some Product","cost":{"value":299,"currency":"rub"}}' }),
			bot('Send Order', { resource: 'message', operation: 'send', chatId: '5', messageType: 'order', order: '{"number":"A123","status":{"code":"new","name":"New"}}' }),
			bot('Send Image', { resource: 'message', operation: 'send', chatId: '6', messageType: 'image', fileSource: 'url', fileUrls: 'https://files.example.com/a.png', caption: 'photo 1', text: 'note' }),
			bot('Send Audio', { resource: 'message', operation: 'send', chatId: '6', messageType: 'audio', fileSource: 'id', fileIds: fileId }),
			bot('Edit', { resource: 'message', operation: 'edit', messageId: '1001', text: 'changed' }),
			bot('Delete', { resource: 'message', operation: 'delete', messageId: '1001' }),
			bot('Messages', { resource: 'message', operation: 'getAll', limit: 5, filters: { chatId: 12, type: 'text', ids: '1001, 1002' } }),
			bot('Open', { resource: 'dialog', operation: 'open', chatId: '12', responsibleType: 'bot', responsibleId: String(sim.botId) }),
			bot('Assign', { resource: 'dialog', operation: 'assign', dialogId: '40', responsibleType: 'user', responsibleId: '5' }),
			bot('Unassign', { resource: 'dialog', operation: 'unassign', dialogId: '40' }),
			bot('Add Tags', { resource: 'dialog', operation: 'addTags', dialogId: '40', tags: { tag: [{ name: 'vip', colorCode: 'light-red' }, { name: 'new' }] } }),
			bot('Remove Tags', { resource: 'dialog', operation: 'removeTags', dialogId: '40', tags: { tag: [{ name: 'vip' }] } }),
			bot('Close', { resource: 'dialog', operation: 'close', dialogId: '40' }),
			bot('Dialogs', { resource: 'dialog', operation: 'getAll', limit: 10, filters: { active: true, chatId: 12 } }),
			bot('Chats', { resource: 'chat', operation: 'getAll', limit: 3, filters: { channelType: 'telegram' } }),
			bot('Customers', { resource: 'customer', operation: 'getAll', returnAll: true }),
			bot('Customers Before', { resource: 'customer', operation: 'getAll', returnAll: true, filters: { until: '2100-01-01T00:00:00Z' } }),
			bot('Users', { resource: 'user', operation: 'getAll', returnAll: true, filters: { online: true } }),
			bot('Members', { resource: 'member', operation: 'getAll', limit: 2, filters: { chatId: 12, state: 'active' } }),
			bot('Channels', { resource: 'channel', operation: 'getAll', returnAll: true, filters: { types: ['telegram', 'whatsapp'] } }),
			bot('Bots', { resource: 'bot', operation: 'getAll', returnAll: true, filters: { role: ['distributor', 'responsible'], active: true } }),
			bot('Bot Info', { resource: 'bot', operation: 'updateInfo', updateFields: { name: 'Helper', avatarUrl: 'https://e.example/a.png', roles: ['responsible'] } }),
			bot('Command', { resource: 'command', operation: 'createOrUpdate', name: '/start', commandDescription: 'Start the bot' }),
			bot('Commands', { resource: 'command', operation: 'getAll', returnAll: true }),
			bot('Delete Command', { resource: 'command', operation: 'delete', name: 'start' }),
			bot('Upload by URL', { resource: 'file', operation: 'uploadByUrl', url: 'https://files.example.com/doc.pdf' }),
			bot('Get File', { resource: 'file', operation: 'get', fileId }),
			bot('File Meta', { resource: 'file', operation: 'updateMeta', fileId, transcription: 'hello there', transcriptionStatus: 'ready' }),
		]);
		const response = await postWhenRegistered(
			url,
			{
				chatId: 12,
				text: 'Hello',
				attachments: [
					{ type: 'image', url: 'https://files.example.com/p.png', name: 'p.png' },
					{ type: 'file', url: 'https://files.example.com/d.pdf' },
				],
			},
		);
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.data?.resultData.error?.message).toBeUndefined();
		expect(response.status).toBe(200);

		for (const request of sim.botRequests()) {
			expect(request.headers['x-bot-token']).toBe(sim.botToken);
			expect(request.status).toBeLessThan(500);
		}
		const sends = sim.botRequests('POST', '/messages').map((r) => r.body);
		expect(sends).toEqual([
			{
				type: 'text',
				scope: 'private',
				chat_id: 12,
				content: 'Hello',
				quote_message_id: 345,
				transport_attachments: { suggestions: [{ type: 'text', title: 'Yes' }, { type: 'url', title: 'Site', payload: 'https://e.example' }] },
			},
			{ type: 'image', scope: 'private', chat_id: 12, items: [{ id: expect.any(String), caption: 'p.png' }] },
			{ type: 'file', scope: 'private', chat_id: 12, items: [{ id: expect.any(String) }] },
			{ type: 'product', scope: 'public', chat_id: 5, product: { id: 1, name: 'Some Product', cost: { value: 299, currency: 'rub' } } },
			{ type: 'order', scope: 'public', chat_id: 5, order: { number: 'A123', status: { code: 'new', name: 'New' } } },
			{ type: 'image', scope: 'public', chat_id: 6, items: [{ id: expect.any(String), caption: 'photo 1' }], note: 'note' },
			{ type: 'audio', scope: 'public', chat_id: 6, items: [{ id: fileId }] },
		]);
		for (const request of sim.botRequests('POST', '/messages')) {
			expect(String(request.headers['content-type'])).toMatch(/^application\/json/);
		}
		expect(sim.botRequests('POST', '/files/upload_by_url').map((r) => r.body)).toEqual([
			{ url: 'https://files.example.com/p.png' },
			{ url: 'https://files.example.com/d.pdf' },
			{ url: 'https://files.example.com/a.png' },
			{ url: 'https://files.example.com/doc.pdf' },
		]);
		expect(nodeOutput(execution, 'Send Text')[0]).toMatchObject({ chatId: 12, messageId: expect.any(Number) });
		expect((nodeOutput(execution, 'Send Text')[0].sent as unknown[]).length).toBe(3);

		expect(only('PATCH', '/messages/1001').body).toEqual({ content: 'changed' });
		expect(only('DELETE', '/messages/1001').rawBody.length).toBe(0);
		expect(only('GET', '/messages').query).toEqual({ chat_id: ['12'], type: ['text'], id: ['1001', '1002'], limit: ['5'] });
		expect(only('POST', '/chats/12/dialogs').body).toEqual({ bot_id: sim.botId });
		expect(only('PATCH', '/dialogs/40/assign').body).toEqual({ user_id: 5 });
		only('PATCH', '/dialogs/40/unassign');
		expect(only('PATCH', '/dialogs/40/tags/add').body).toEqual({ tags: [{ name: 'vip', color_code: 'light-red' }, { name: 'new' }] });
		expect(only('PATCH', '/dialogs/40/tags/delete').body).toEqual({ tags: [{ name: 'vip' }] });
		only('DELETE', '/dialogs/40/close');
		expect(only('GET', '/dialogs').query).toEqual({ chat_id: ['12'], active: ['1'], limit: ['10'] });

		// 429 with Retry-After is waited out and retried.
		const chats = sim.botRequests('GET', '/chats');
		expect(chats.map((r) => r.status)).toEqual([429, 200]);
		expect(chats[1].query).toEqual({ channel_type: ['telegram'], limit: ['3'] });
		expect(nodeOutput(execution, 'Chats')).toHaveLength(3);

		// Return All pages through since_id until a short page.
		const customers = sim.botRequests('GET', '/customers').filter((r) => r.query.until === undefined);
		expect(customers.map((r) => r.query.since_id?.[0])).toEqual([undefined, '1000', '2000']);
		expect(customers.every((r) => r.query.limit?.[0] === '1000')).toBe(true);
		const customerIds = nodeOutput(execution, 'Customers').map((c) => c.id);
		expect(customerIds).toHaveLength(2500);
		expect(new Set(customerIds).size).toBe(2500);
		// Updated Before: newest first, so Return All pages down through until_id to the last (oldest) page.
		const before = sim.botRequests('GET', '/customers').filter((r) => r.query.until !== undefined);
		expect(before.map((r) => r.query.until_id?.[0])).toEqual([undefined, '1501', '501']);
		const beforeIds = nodeOutput(execution, 'Customers Before').map((c) => c.id);
		expect(beforeIds).toHaveLength(2500);
		expect(new Set(beforeIds).size).toBe(2500);

		expect(only('GET', '/users').query).toEqual({ online: ['1'], limit: ['1000'] });
		expect(only('GET', '/members').query).toEqual({ chat_id: ['12'], state: ['active'], limit: ['2'] });
		expect(only('GET', '/channels').query).toEqual({ types: ['telegram', 'whatsapp'], limit: ['1000'] });
		expect(only('GET', '/bots').query).toEqual({ active: ['1'], role: ['distributor', 'responsible'], limit: ['1000'] });
		expect(only('PATCH', '/my/info').body).toEqual({ name: 'Helper', avatar_url: 'https://e.example/a.png', roles: ['responsible'] });
		expect(only('PUT', '/my/commands/start').body).toEqual({ name: 'start', description: 'Start the bot' });
		only('GET', '/my/commands');
		only('DELETE', '/my/commands/start');
		only('GET', `/files/${fileId}`);
		expect(only('PUT', `/files/${fileId}/meta`).body).toEqual({ transcription: 'hello there', transcription_status: 'ready' });
		expect(nodeOutput(execution, 'Get File')[0]).toMatchObject({ id: fileId, url: `${sim.url}/download/${fileId}` });
		expect(nodeOutput(execution, 'Delete Command')[0]).toEqual({ name: 'start', deleted: true });
	});

	it('uploads the item\'s binary data as multipart (field "file") and sends it as a file message', async () => {
		sim.clearRequests();
		const path = `retailcrm-binary-${Date.now()}`;
		const wf = chain('retailcrm binary', [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhook: true,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries' },
			},
			{
				name: 'Make File',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: {
					jsCode:
						"return [{ json: { chatId: 8 }, binary: { data: { data: Buffer.from('hello file').toString('base64'), mimeType: 'text/plain', fileName: 'hello.txt' } } }];",
				},
			},
			bot('Upload', { resource: 'file', operation: 'upload', binaryPropertyName: 'data' }),
			bot('Send File', { resource: 'message', operation: 'send', chatId: '8', messageType: 'file', fileSource: 'binary', binaryPropertyName: 'data', text: '' }),
		]);
		// Both action nodes read the binary made by Make File.
		wf.connections['Make File'] = { main: [[{ node: 'Upload', type: 'main', index: 0 }, { node: 'Send File', type: 'main', index: 0 }]] };
		delete wf.connections.Upload;
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		await postWhenRegistered(url, {});
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.data?.resultData.error?.message).toBeUndefined();
		const uploads = sim.botRequests('POST', '/files/upload');
		expect(uploads).toHaveLength(2);
		for (const upload of uploads) {
			expect(upload.status).toBe(200);
			expect(String(upload.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
			const text = upload.rawBody.toString('utf8');
			expect(text).toContain('Content-Disposition: form-data; name="file"; filename="hello.txt"');
			expect(text).toContain('Content-Type: text/plain');
			expect(text).toContain('\r\n\r\nhello file\r\n');
		}
		const uploadedId = nodeOutput(execution, 'Upload')[0].id;
		expect(typeof uploadedId).toBe('string');
		expect(sim.botRequests('POST', '/messages').map((r) => r.body)).toEqual([
			{ type: 'file', scope: 'public', chat_id: 8, items: [{ id: expect.any(String) }] },
		]);
	});

	it('tests both credentials against endpoints that check the key and the token', async () => {
		const before = sim.botRequests('GET', '/bots').length;
		expect(await n8n.api.testCredential('retailCrmApi', { accountUrl: sim.url, apiKey: sim.apiKey })).toMatchObject({ status: 'OK' });
		expect(await n8n.api.testCredential('retailCrmApi', { accountUrl: sim.url, apiKey: 'wrong-key' })).toMatchObject({ status: 'Error' });
		expect(await n8n.api.testCredential('retailCrmBotApi', { endpointUrl: sim.url, token: sim.botToken })).toMatchObject({ status: 'OK' });
		expect(await n8n.api.testCredential('retailCrmBotApi', { endpointUrl: sim.url, token: 'wrong' })).toMatchObject({ status: 'Error' });
		const probes = sim.botRequests('GET', '/bots').slice(before);
		expect(new Set(probes.map((r) => `${r.status} self=${r.query.self?.[0]}`))).toEqual(new Set(['200 self=1', '401 self=1']));
	});

	it('turns the Bot API {"errors": [...]} into a readable node error', async () => {
		const badCred = await n8n.api.createCredential('retailCrmBotApi', { endpointUrl: sim.url, token: 'wrong' });
		const { id, url } = await webhookWorkflow('retailcrm bot error', [
			{ ...bot('Send', { resource: 'message', operation: 'send', chatId: '1', text: 'x' }), credentials: { retailCrmBotApi: badCred } },
		]);
		await postWhenRegistered(url, {});
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toContain('retailCRM answered 401: Invalid token');
		expect(JSON.stringify(execution.data?.resultData.error)).not.toContain(sim.botToken);
	});
});
