import { NodeHelpers } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INode, INodeType } from 'n8n-workflow';

import { BonyChatApi } from '../../credentials/BonyChatApi.credentials';
import { BrixApi } from '../../credentials/BrixApi.credentials';
import { RetailCrmBotApi } from '../../credentials/RetailCrmBotApi.credentials';
import { SelartiApi } from '../../credentials/SelartiApi.credentials';
import { UChatApi } from '../../credentials/UChatApi.credentials';
import { BonyChat } from '../../nodes/BonyChat/BonyChat.node';
import { Brix } from '../../nodes/Brix/Brix.node';
import { RetailCrmBot } from '../../nodes/RetailCrm/RetailCrmBot.node';
import { Selarti } from '../../nodes/Selarti/Selarti.node';
import { UChat } from '../../nodes/UChat/UChat.node';
import { json, scriptedServer } from '../support/scripted-server';
import { runNode, type NodeRun } from './harness';

/** The node's parameters as n8n stores and resolves them: the given ones plus every displayed default. */
function withDefaults(nodeType: INodeType, parameters: INode['parameters']): INode['parameters'] {
	return NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, null, nodeType.description) ?? {};
}

interface SendCase {
	platform: string;
	nodeType: () => INodeType;
	parameters: INode['parameters'];
	credential: (url: string) => { type: ICredentialType; data: ICredentialDataDecryptedObject };
	answer: unknown;
	/** An item the send cannot take, and the error it gets (naming the field as the node shows it). */
	bad: IDataObject;
	badError: RegExp;
	chatId: unknown;
	messageId: unknown;
}

const good = { chatId: '42', userId: '42', text: 'hello', tag: 'keep-me' };

const cases: SendCase[] = [
	{
		platform: 'brix',
		nodeType: () => new Brix(),
		parameters: { resource: 'message', operation: 'send', waitForDelivery: false, externalMessageId: 'm-1' },
		credential: (url) => ({ type: new BrixApi(), data: { token: 't', baseUrl: url, channelId: 'ch1' } }),
		answer: {},
		bad: { chatId: '', userId: '42', text: 'x', tag: 'bad' },
		badError: /^Chat ID is empty$/,
		chatId: '42',
		messageId: 'm-1',
	},
	{
		platform: 'uchat',
		nodeType: () => new UChat(),
		parameters: { resource: 'message', operation: 'send', botUrl: '={{ $json.botUrl }}' },
		credential: (url) => ({ type: new UChatApi(), data: { baseUrl: url, apiKey: 'k', botUrl: `${url}/bot` } }),
		answer: { status: 'ok' },
		bad: { chatId: 'abc', userId: '42', text: 'x', tag: 'bad' },
		badError: /^Conversation ID must be a positive integer/,
		chatId: 42,
		messageId: null,
	},
	{
		platform: 'bonychat',
		nodeType: () => new BonyChat(),
		parameters: { resource: 'message', operation: 'send', mId: 'mid-1' },
		credential: (url) => ({ type: new BonyChatApi(), data: { channelId: 'c1', apiToken: 't', webhookUrl: `${url}/hook` } }),
		answer: { ok: true },
		bad: { chatId: '', userId: '', text: 'x', tag: 'bad' },
		badError: /^Contact ID is required$/,
		chatId: '42',
		messageId: 'mid-1',
	},
	{
		platform: 'selarti',
		nodeType: () => new Selarti(),
		parameters: { resource: 'message', operation: 'sendExternal', taskId: 'task-1' },
		credential: (url) => ({ type: new SelartiApi(), data: { baseUrl: url, apiToken: 't', taskId: '' } }),
		answer: { status: 'success' },
		bad: { chatId: '', text: 'x', tag: 'bad' },
		badError: /^Chat ID is required$/,
		chatId: '42',
		messageId: null,
	},
	{
		platform: 'retailcrm',
		nodeType: () => new RetailCrmBot(),
		parameters: { resource: 'message', operation: 'send', chatId: '={{ $json.chatId }}' },
		credential: (url) => ({ type: new RetailCrmBotApi(), data: { endpointUrl: url, token: 't' } }),
		answer: { message_id: 77, time: '2026-01-01T00:00:00Z' },
		bad: { chatId: 'abc', text: 'x', tag: 'bad' },
		badError: /^Chat ID must be a positive whole number, got "abc"$/,
		chatId: 42,
		messageId: 77,
	},
];

async function send(c: SendCase, input: IDataObject[], continueOnFail: boolean): Promise<NodeRun> {
	const server = await scriptedServer([json(200, c.answer)]);
	try {
		const nodeType = c.nodeType();
		return await runNode({
			nodeType,
			parameters: withDefaults(nodeType, c.parameters),
			credentials: [c.credential(server.url)],
			input: input.map((item) => ({ ...item, botUrl: `${server.url}/bot` })),
			continueOnFail,
		});
	} finally {
		await server.close();
	}
}

describe.each(cases)('$platform send', (c) => {
	it('outputs success, platform, chatId and messageId first', async () => {
		const run = await send(c, [good], false);
		expect(run.error).toBeUndefined();
		const output = run.items[0].json;
		expect(Object.keys(output).slice(0, 4)).toEqual(['success', 'platform', 'chatId', 'messageId']);
		expect(output).toMatchObject({ success: true, platform: c.platform, chatId: c.chatId, messageId: c.messageId });
	});

	it('Continue On Fail: the failed item keeps its input fields and says what went wrong, the others go on', async () => {
		const run = await send(c, [c.bad, good], true);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(2);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(run.items[0].json).toMatchObject({ tag: 'bad', text: c.bad.text });
		expect(String(run.items[0].json.error)).toMatch(c.badError);
		expect(run.items[1].json).toMatchObject({ success: true, platform: c.platform });
		expect(run.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('without Continue On Fail: a node error naming the field, with what to do', async () => {
		const run = await send(c, [c.bad], false);
		expect(run.error?.message).toMatch(c.badError);
		expect(run.error?.description ?? '').not.toBe('');
	});
});
