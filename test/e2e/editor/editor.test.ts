import { nodeOutput, type WorkflowNode } from '../harness/n8n-api';
import { startTestN8n, webhookBase } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { chain, type NodeSpec } from '../harness/workflow';
import { postWhenRegistered } from '../retailcrm/post';
import { startRetailCrmSimulator, type RetailCrmSimulator } from '../../simulators/retailcrm';
import { UChatSimulator } from '../../simulators/uchat';

type Credential = { id: string; name: string };

let n8n: N8nInstance;
let retail: RetailCrmSimulator;
let uchat: UChatSimulator;
let botCred: Credential;
let apiCred: Credential;
let partnerCred: Credential;

beforeAll(async () => {
	retail = await startRetailCrmSimulator({ listSizes: { dialogs: 130, users: 3 } });
	uchat = new UChatSimulator();
	await uchat.start();
	uchat.addWorkspace('7001', 'Acme Support');
	uchat.addWorkspace('7002', 'Beta Sales');
	n8n = await startTestN8n();
	botCred = await n8n.api.createCredential('retailCrmBotApi', { endpointUrl: retail.url, token: retail.botToken });
	apiCred = await n8n.api.createCredential('retailCrmApi', { accountUrl: retail.url, apiKey: retail.apiKey });
	partnerCred = await n8n.api.createCredential('uChatPartnerApi', { baseUrl: uchat.url, apiKey: uchat.partnerKey });
});
afterAll(async () => {
	await n8n?.stop();
	await retail?.stop();
	await uchat?.stop();
});

interface ListResult {
	results: Array<{ name: string; value: string }>;
	paginationToken?: string;
}

/** What the editor asks when a From List picker opens (or scrolls, or the user types into its search). */
async function pick(
	node: string,
	parameter: string,
	methodName: string,
	currentNodeParameters: Record<string, unknown>,
	credentials: Record<string, Credential>,
	extra: { filter?: string; paginationToken?: string } = {},
): Promise<ListResult> {
	const response = await n8n.api.rest.post('/dynamic-node-parameters/resource-locator-results', {
		nodeTypeAndVersion: { name: nodeType(node), version: 1 },
		path: `parameters.${parameter}`,
		methodName,
		currentNodeParameters,
		credentials,
		...extra,
	});
	if (response.status !== 200) throw new Error(`${methodName}: ${response.status} ${JSON.stringify(response.data)}`);
	return (response.data as { data: ListResult }).data;
}

interface NodeTypeDescription {
	name: string;
	properties: Array<{ name: string; type: string; default: unknown; modes?: Array<{ name: string; typeOptions?: { searchListMethod?: string } }> }>;
	triggerPanel?: { header?: string; activationHint?: { inactive: string; active: string }; executionsHelp?: unknown };
}

describe('list pickers through the editor endpoint', () => {
	it('lists UChat workspaces by name for the trigger and the webhook operations, and searches them', async () => {
		const trigger = await pick('uChatTrigger', 'workspaceId', 'searchWorkspaces', { registration: 'automatic' }, { uChatPartnerApi: partnerCred });
		expect(trigger.results).toEqual([
			{ name: 'Acme Support (7001)', value: '7001' },
			{ name: 'Beta Sales (7002)', value: '7002' },
		]);
		const action = await pick(
			'uChat',
			'workspaceId',
			'searchWorkspaces',
			{ resource: 'webhook', operation: 'get' },
			{ uChatPartnerApi: partnerCred },
			{ filter: 'beta' },
		);
		expect(action.results).toEqual([{ name: 'Beta Sales (7002)', value: '7002' }]);
	});

	it('lists retailCRM dialogs page by page and finds one by its id', async () => {
		const params = { resource: 'dialog', operation: 'close' };
		const cred = { retailCrmBotApi: botCred };
		const first = await pick('retailCrmBot', 'dialogId', 'searchDialogs', params, cred);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Dialog 1 · chat 1', value: '1' });
		expect(first.paginationToken).toBe('100');
		const second = await pick('retailCrmBot', 'dialogId', 'searchDialogs', params, cred, { paginationToken: first.paginationToken });
		expect(second.results.map((entry) => entry.value)).toEqual(Array.from({ length: 30 }, (_, index) => String(101 + index)));
		expect(second.paginationToken).toBeUndefined();
		const byId = await pick('retailCrmBot', 'dialogId', 'searchDialogs', params, cred, { filter: '42' });
		expect(byId.results).toEqual([{ name: 'Dialog 42 · chat 42', value: '42' }]);
		expect(retail.botRequests('GET', '/dialogs').at(-1)?.query.id).toEqual(['42']);
	});

	it('lists users or bots for Responsible ID, whichever Assign To names', async () => {
		const cred = { retailCrmBotApi: botCred };
		const users = await pick('retailCrmBot', 'responsibleId', 'searchResponsibles', { resource: 'dialog', operation: 'assign', responsibleType: 'user' }, cred);
		expect(users.results.map((entry) => entry.value)).toEqual(['1', '2', '3']);
		const bots = await pick('retailCrmBot', 'responsibleId', 'searchResponsibles', { resource: 'dialog', operation: 'assign', responsibleType: 'bot' }, cred);
		expect(bots.results.map((entry) => entry.value)).toContain(String(retail.botId));
		// Assign To left at its default: Open assigns to a bot.
		const openDefault = await pick('retailCrmBot', 'responsibleId', 'searchResponsibles', { resource: 'dialog', operation: 'open' }, cred);
		expect(openDefault.results).toEqual(bots.results);
	});

	it('lists chats, channels (a Get Many filter) and commands', async () => {
		const cred = { retailCrmBotApi: botCred };
		const chats = await pick('retailCrmBot', 'chatId', 'searchChats', { resource: 'message', operation: 'send' }, cred, { filter: 'chats 2' });
		expect(chats.results).toEqual([{ name: 'chats 2 (#2)', value: '2' }]);
		const channels = await pick('retailCrmBot', 'filters.channelId', 'searchChannels', { resource: 'chat', operation: 'getAll' }, cred);
		expect(channels.results.map((entry) => entry.value)).toEqual(['1', '2']);
		const commands = await pick('retailCrmBot', 'name', 'searchCommands', { resource: 'command', operation: 'delete' }, cred);
		expect(commands.results.map((entry) => entry.value)).toEqual(['my/commands 1', 'my/commands 2']);
	});

	it('declares the pickers with From List and By ID, keeping the item expressions as the By ID default', async () => {
		const response = await n8n.api.rest.get(`${n8n.baseUrl}/types/nodes.json`);
		const types = response.data as NodeTypeDescription[];
		const bot = types.find((type) => type.name === nodeType('retailCrmBot'))!;
		const dialogIds = bot.properties.filter((property) => property.name === 'dialogId');
		expect(dialogIds.length).toBeGreaterThan(0);
		for (const property of dialogIds) {
			expect(property.type).toBe('resourceLocator');
			expect(property.default).toEqual({ mode: 'id', value: '={{ $json.dialogId }}' });
			expect(property.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
			expect(property.modes?.[0].typeOptions?.searchListMethod).toBe('searchDialogs');
		}
		const trigger = types.find((type) => type.name === nodeType('uChatTrigger'))!;
		expect(trigger.properties.find((property) => property.name === 'workspaceId')?.type).toBe('resourceLocator');
	});
});

describe('picker values at run time', () => {
	it('runs with resourceLocator values (From List and the By ID expression) as with the plain ids of older workflows', async () => {
		retail.clearRequests();
		const path = `pickers-${Date.now()}`;
		const bot = (name: string, parameters: Record<string, unknown>): NodeSpec => ({
			name,
			type: nodeType('retailCrmBot'),
			parameters,
			credentials: { retailCrmBotApi: botCred },
		});
		const wf = chain('pickers at run time', [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhook: true,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries' },
			},
			bot('Send', {
				resource: 'message',
				operation: 'send',
				chatId: { __rl: true, mode: 'id', value: '={{ $json.body.chatId }}' },
				text: 'hello',
			}),
			bot('Assign', {
				resource: 'dialog',
				operation: 'assign',
				dialogId: { __rl: true, mode: 'list', value: '12', cachedResultName: 'Dialog 12 · chat 12' },
				responsibleType: 'user',
				responsibleId: { __rl: true, mode: 'list', value: '3' },
			}),
			bot('Close', { resource: 'dialog', operation: 'close', dialogId: '13' }),
			bot('Delete Command', {
				resource: 'command',
				operation: 'delete',
				name: { __rl: true, mode: 'name', value: 'start' },
			}),
		]);
		for (const node of wf.nodes.slice(1)) (node as WorkflowNode & { executeOnce?: boolean }).executeOnce = true;
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const response = await postWhenRegistered(`${webhookBase(n8n)}/webhook/${path}`, { chatId: 4 });
		expect(response.status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
		expect((retail.botRequests('POST', '/messages')[0].body as { chat_id: number }).chat_id).toBe(4);
		expect(retail.botRequests('PATCH', '/dialogs/12/assign')[0].body).toEqual({ user_id: 3 });
		expect(retail.botRequests('DELETE', '/dialogs/13/close')).toHaveLength(1);
		expect(retail.botRequests('DELETE', '/my/commands/start')).toHaveLength(1);
		await n8n.api.deactivate(id);
	});
});

describe('trigger panels', () => {
	it('tells, for every trigger whose URL is pasted by hand, which URL to paste and to publish', async () => {
		const response = await n8n.api.rest.get(`${n8n.baseUrl}/types/nodes.json`);
		const types = response.data as NodeTypeDescription[];
		const panelOf = (name: string) => types.find((type) => type.name === nodeType(name))?.triggerPanel;
		const expected: Record<string, string> = {
			brixTrigger: '/webhook/&lt;webhook ID&gt;/webhook</code>',
			bonyChatTrigger: '/webhook/&lt;webhook ID&gt;</code>',
			selartiTrigger: '/webhook/&lt;webhook ID&gt;/webhook?secret=&lt;Webhook Secret&gt;</code>',
			retailCrmModuleTrigger: '/webhook/&lt;webhook ID&gt;</code>',
			uChatTrigger: '/webhook/&lt;webhook ID&gt;/webhook</code>',
		};
		for (const [name, url] of Object.entries(expected)) {
			const panel = panelOf(name);
			expect(panel?.header).toBeTruthy();
			expect(panel?.executionsHelp).toBeTruthy();
			expect(panel?.activationHint?.inactive).toMatch(/^Publish the workflow/);
			expect(panel?.activationHint?.inactive).toContain(url);
			expect(panel?.activationHint?.active).toContain(url);
		}
		expect(JSON.stringify(types.filter((type) => type.name.startsWith(nodeType(''))))).not.toMatch(/\b[Aa]ctivat(e|ing) (the|this) workflow/);
	});
});

describe('retailCRM module defaults end to end', () => {
	it('registers with the Module Trigger URL as Base URL and no other change, and the activity callback reaches the trigger', async () => {
		const trigger = chain('module trigger', [
			{ name: 'Module', type: nodeType('retailCrmModuleTrigger'), webhook: true, parameters: { clientId: 'client-defaults' } },
		]);
		const triggerId = await n8n.api.createWorkflow(trigger);
		await n8n.api.activate(triggerId);
		// What the trigger panel says to paste: the Production URL without the final /webhook.
		const baseUrl = `${webhookBase(n8n)}/webhook/${trigger.nodes[0].webhookId}`;

		const path = `register-${Date.now()}`;
		const register = chain('module register', [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhook: true,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries' },
			},
			{
				name: 'Register',
				type: nodeType('retailCrmBot'),
				credentials: { retailCrmApi: apiCred },
				parameters: {
					resource: 'module',
					operation: 'register',
					code: 'defaults-bot',
					integrationCode: 'defaults',
					name: 'Defaults Bot',
					clientId: 'client-defaults',
					baseUrl,
				},
			},
		]);
		const registerId = await n8n.api.createWorkflow(register);
		await n8n.api.activate(registerId);
		const registered = await postWhenRegistered(`${webhookBase(n8n)}/webhook/${path}`, {});
		expect(registered.status).toBe(200);
		const [registration] = await n8n.api.waitForExecutions(registerId, 1);
		expect(registration.status).toBe('success');

		const callback = await retail.switchModule('defaults-bot', { active: false, freeze: false });
		expect(callback.url).toBe(`${baseUrl}/webhook`);
		expect(callback.status).toBe(200);
		expect(JSON.parse(callback.body)).toEqual({ success: true });
		const [execution] = await n8n.api.waitForExecutions(triggerId, 1);
		expect(nodeOutput(execution, 'Module')[0]).toMatchObject({ event: 'activity', retailcrm: { clientId: 'client-defaults', active: false, freeze: false } });
		await n8n.api.deactivate(registerId);
		await n8n.api.deactivate(triggerId);
	});
});
