/**
 * Every example bridge in examples/, imported from its JSON as a user would (only credential ids
 * substituted), activated in a real n8n and driven through the platform simulators.
 */
import { parseOriginKey } from '../../../nodes/shared/origin';
import { nodeOutput } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { waitFor } from '../harness/wait';
import { exampleFiles, exampleNode, prepareExample, readExample } from '../../simulators/examples';
import {
	simulatorOf,
	startPlatforms,
	stopPlatforms,
	type PlatformAdapter,
	type PlatformName,
} from '../../simulators/platforms';
import type { BrixSimulator } from '../../simulators/brix/simulator';
import type { RetailCrmSimulator } from '../../simulators/retailcrm';
import type { UChatSimulator } from '../../simulators/uchat';

describe('example bridges in real n8n', () => {
	let n8n: N8nInstance;
	let platforms: Record<PlatformName, PlatformAdapter>;
	let credentials: Record<string, { id: string; name: string }>;

	beforeAll(async () => {
		n8n = await startTestN8n();
		platforms = await startPlatforms({ api: n8n.api, baseUrl: n8n.baseUrl, selartiAnswers: true });
		credentials = Object.assign({}, ...Object.values(platforms).map((platform) => platform.credentials));
	});
	afterAll(async () => {
		if (platforms) await stopPlatforms(platforms);
		await n8n?.stop();
	});

	/** Imports and activates an example; returns it with its workflow id. Deactivates the previous one. */
	let active: string | undefined;
	async function activateExample(file: string) {
		if (active) await n8n.api.deactivate(active);
		const example = prepareExample(readExample(file), credentials);
		const id = await n8n.api.createWorkflow(example);
		await n8n.api.activate(id);
		active = id;
		return { example, id };
	}

	it('every example uses only this package\'s node types by their API names and references credentials by name', () => {
		const files = exampleFiles();
		expect(files.length).toBeGreaterThanOrEqual(1);
		for (const file of files) {
			const example = readExample(file);
			expect(example.name).toEqual(expect.any(String));
			const ours = example.nodes.filter((node) => node.type.startsWith('n8n-nodes-chat-bridge.'));
			expect(ours.length).toBeGreaterThanOrEqual(2);
			for (const node of example.nodes) {
				// Ids travel: no example needs a Code node to map one platform's ids to another's.
				expect(node.type).toMatch(/^(n8n-nodes-chat-bridge\.[a-zA-Z]+|n8n-nodes-base\.(if|switch|filter|noOp))$/);
				for (const reference of Object.values(node.credentials ?? {})) {
					expect(reference.name).toMatch(/ account$/);
				}
			}
			for (const [from, outputs] of Object.entries(example.connections)) {
				exampleNode(example, from);
				for (const branch of (outputs as { main: Array<Array<{ node: string }>> }).main) {
					for (const target of branch) exampleNode(example, target.node);
				}
			}
		}
	});

	describe('retailcrm-bonychat-agents.json', () => {
		let example: ReturnType<typeof prepareExample>;
		let workflowId: string;
		const chatId = '802';
		/** The respond.io contact the bridge posts the retailCRM chat as, named after it. */
		const contactId = 'retailcrm_802';
		/** respond.io posts what its agents write to this channel's trigger (the example's BonyChat Trigger). */
		const route = 'Agent Answers';

		beforeAll(async () => {
			({ example, id: workflowId } = await activateExample('retailcrm-bonychat-agents.json'));
			await platforms.bonychat.connect(exampleNode(example, route));
			await platforms.retailcrm.connect(exampleNode(example, 'retailCRM Bot Trigger'));
		});

		it('brings each customer message of a retailCRM chat into the respond.io inbox as one contact, with files', async () => {
			const respondBefore = platforms.bonychat.received().length;
			const retailBefore = platforms.retailcrm.received().length;
			const text = 'Where is my parcel?';
			const said = await platforms.retailcrm.say({ chatId, text, attachments: [{ type: 'image', url: 'https://files.example.com/y.png', name: 'label.png' }] });
			const fileUrl = (said as { attachments: Array<{ url: string }> }).attachments[0].url;
			const received = await waitFor('respond.io to receive the text and the photo', () => {
				const list = platforms.bonychat.received().slice(respondBefore);
				return list.length >= 2 ? list : undefined;
			});
			expect(received).toHaveLength(2);
			expect(parseOriginKey(contactId)).toEqual({ platform: 'retailcrm', chatId });
			expect(received).toEqual(
				expect.arrayContaining([
					{ chatId: contactId, userId: contactId, text },
					{ chatId: contactId, userId: contactId, attachments: [{ type: 'image', url: fileUrl, name: 'label.png' }] },
				]),
			);
			const executions = await n8n.api.waitForExecutions(workflowId, 2);
			expect(executions.every((e) => e.status === 'success')).toBe(true);
			// No echo: what the bridge posted to respond.io starts nothing that goes back to retailCRM.
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(2);
			expect(platforms.retailcrm.received().length).toBe(retailBefore);
		});

		it('writes the agents\' answers into the retailCRM chat, text and files, without echo', async () => {
			const before = platforms.retailcrm.received().length;
			const respondBefore = platforms.bonychat.received().length;
			const count = (await n8n.api.executions(workflowId, false)).length;
			const text = 'It ships on Tuesday. Here is the invoice.';
			const invoice = 'https://files.example.com/agents/invoice.pdf';
			await platforms.bonychat.say({ chatId: contactId, text, attachments: [{ type: 'file', url: invoice, name: 'invoice.pdf' }], route });
			const answered = await waitFor('retailCRM to receive both answers', () => {
				const list = platforms.retailcrm.received().slice(before);
				return list.length >= 2 ? list : undefined;
			});
			expect(answered).toHaveLength(2);
			expect(answered).toEqual(
				expect.arrayContaining([
					{ chatId, text },
					{ chatId, attachments: [{ type: 'file', url: invoice }] },
				]),
			);
			const executions = await n8n.api.waitForExecutions(workflowId, count + 2);
			expect(executions.every((e) => e.status === 'success')).toBe(true);
			// The bot's own messages in retailCRM start nothing.
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(count + 2);
			expect(platforms.bonychat.received().length).toBe(respondBefore);
		});

		it('leaves messages of retailCRM operators alone', async () => {
			const retail = simulatorOf<RetailCrmSimulator>(platforms.retailcrm);
			const before = platforms.bonychat.received().length;
			const count = (await n8n.api.executions(workflowId, false)).length;
			retail.customerMessage(Number(chatId), 'Operator note for the team', { from: { id: 5, type: 'user', name: 'Olga' } });
			const executions = await n8n.api.waitForExecutions(workflowId, count + 1);
			const last = executions[executions.length - 1];
			expect(nodeOutput(last, 'retailCRM Bot Trigger')[0]).toMatchObject({ chatId, author: 'operator', text: 'Operator note for the team' });
			expect(last.data?.resultData.runData['Send to respond.io Inbox']).toBeUndefined();
			expect(platforms.bonychat.received().length).toBe(before);
		});
	});

	describe('uchat-brix-operator-handover.json', () => {
		let example: ReturnType<typeof prepareExample>;
		let workflowId: string;
		const chatId = '501';
		const userId = 'contact-7';
		/** The BRIX chat the bridge opens for the UChat conversation, named after it. */
		let brixChat: string;

		beforeAll(async () => {
			({ example, id: workflowId } = await activateExample('uchat-brix-operator-handover.json'));
			await platforms.uchat.connect(exampleNode(example, 'UChat Trigger'));
			await platforms.brix.connect(exampleNode(example, 'BRIX Trigger'));
		});

		it('brings the UChat conversation to a BRIX operator in a chat of its own, with files, and answers userInfo', async () => {
			const uchatBefore = platforms.uchat.received().length;
			const text = 'I want an operator, call me at +61 400 123 456';
			await platforms.uchat.say({ chatId, userId, text });
			const arrived = await waitFor('BRIX to receive the message', () => platforms.brix.received().find((m) => m.text === text));
			expect(parseOriginKey(arrived.chatId)).toEqual({ platform: 'uchat', chatId, userId });
			expect(arrived).toMatchObject({ userId, text, attachments: [] });
			brixChat = arrived.chatId;

			const brix = simulatorOf<BrixSimulator>(platforms.brix);
			await brix.idle();
			const exchange = brix.userInfoExchanges.find((e) => e.userId === userId);
			expect(exchange).toMatchObject({ status: 200, reply: { id: userId, username: userId, phoneNumber: '', avatar: '' } });

			const photo = 'https://files.example.com/handover/receipt.png';
			await platforms.uchat.say({ chatId, userId, attachments: [{ type: 'image', url: photo }] });
			const file = await waitFor('BRIX to receive the photo', () =>
				platforms.brix.received().find((m) => m.attachments?.some((a) => a.url === photo)),
			);
			expect(file.chatId).toBe(brixChat);
			expect(file.attachments).toEqual([{ type: 'image', url: photo, name: 'receipt.png' }]);
			// No echo: what the bridge sent to BRIX never comes back into UChat.
			expect(await n8n.api.settledExecutionCount(workflowId)).toBeGreaterThan(0);
			expect(platforms.uchat.received().length).toBe(uchatBefore);
		});

		it('brings the operator\'s answers back into the UChat conversation, as its contact', async () => {
			const before = platforms.uchat.received().length;
			const text = 'Hello, this is Anna from support. Here is the form.';
			const form = 'https://files.example.com/handover/form.pdf';
			await platforms.brix.say({ chatId: brixChat, text, attachments: [{ type: 'file', url: form, name: 'form.pdf' }] });
			const received = await waitFor('UChat to receive the operator answer', () => {
				const list = platforms.uchat.received().slice(before);
				return list.length >= 2 ? list : undefined;
			});
			expect(received).toEqual([
				{ chatId, userId, text },
				{ chatId, userId, attachments: [{ type: 'file', url: form }] },
			]);
		});
	});

	describe('bonychat-uchat-bot-channel.json', () => {
		let example: ReturnType<typeof prepareExample>;
		let workflowId: string;
		const contactId = '+60177872890';
		const workspace = '1002';
		/** The UChat conversation and contact the bridge opens for the respond.io contact. */
		let conversation: string;
		let uchatContact: string;

		beforeAll(async () => {
			({ example, id: workflowId } = await activateExample('bonychat-uchat-bot-channel.json'));
			await platforms.bonychat.connect(exampleNode(example, 'BonyChat Trigger'));
			await platforms.uchat.connect(exampleNode(example, 'UChat Trigger'));
		});

		it('posts what respond.io sends to the contact into the UChat bot, in one conversation named after the contact', async () => {
			const before = platforms.uchat.received().length;
			const respondBefore = platforms.bonychat.received().length;
			const photo = 'https://files.example.com/respond/menu.jpg';
			await platforms.bonychat.say({ chatId: contactId, text: 'Hi! Want to see our menu?', attachments: [{ type: 'image', url: photo, name: 'menu.jpg' }] });
			const received = await waitFor('the UChat bot to receive both messages', () => {
				const list = platforms.uchat.received().slice(before);
				return list.length >= 2 ? list : undefined;
			});
			// Each message is its own execution, so they may arrive in either order.
			expect(received).toHaveLength(2);
			conversation = received[0].chatId;
			uchatContact = received[0].userId!;
			expect(conversation).toMatch(/^\d+$/);
			expect(parseOriginKey(uchatContact)).toEqual({ platform: 'bonychat', chatId: contactId });
			expect(received).toEqual(
				expect.arrayContaining([
					{ chatId: conversation, userId: uchatContact, text: 'Hi! Want to see our menu?' },
					{ chatId: conversation, userId: uchatContact, attachments: [{ type: 'image', url: photo }] },
				]),
			);
			const executions = await n8n.api.waitForExecutions(workflowId, 2);
			expect(executions.every((e) => e.status === 'success')).toBe(true);
			// No echo: the messages posted into UChat start nothing that goes back to respond.io.
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(2);
			expect(platforms.bonychat.received().length).toBe(respondBefore);
		});

		it('gives a custom contact ID a stable conversation of its own', async () => {
			const before = platforms.uchat.received().length;
			await platforms.bonychat.say({ chatId: 'web_visitor=42', text: 'first' });
			await platforms.bonychat.say({ chatId: 'web_visitor=42', text: 'second' });
			const received = await waitFor('two UChat messages', () => {
				const list = platforms.uchat.received().slice(before);
				return list.length >= 2 ? list : undefined;
			});
			expect(received[0].chatId).toMatch(/^\d+$/);
			expect(received[1].chatId).toBe(received[0].chatId);
			expect(received[0].chatId).not.toBe(conversation);
			expect(received.map((m) => parseOriginKey(m.userId))).toEqual([
				{ platform: 'bonychat', chatId: 'web_visitor=42' },
				{ platform: 'bonychat', chatId: 'web_visitor=42' },
			]);
			expect(received.map((m) => m.text).sort()).toEqual(['first', 'second']);
		});

		it('passes the bot\'s replies to respond.io as messages of the same contact, without private notes', async () => {
			const before = platforms.bonychat.received().length;
			const pdf = 'https://files.example.com/respond/menu.pdf';
			await platforms.uchat.say({ chatId: conversation, userId: uchatContact, text: 'Here is our menu', attachments: [{ type: 'file', url: pdf }], route: workspace });
			const received = await waitFor('respond.io to receive both replies', () => {
				const list = platforms.bonychat.received().slice(before);
				return list.length >= 2 ? list : undefined;
			});
			expect(received).toHaveLength(2);
			expect(received).toEqual(
				expect.arrayContaining([
					{ chatId: contactId, userId: contactId, text: 'Here is our menu' },
					{ chatId: contactId, userId: contactId, attachments: [{ type: 'file', url: pdf }] },
				]),
			);
			const uchat = simulatorOf<UChatSimulator>(platforms.uchat);
			const executionsBefore = await n8n.api.settledExecutionCount(workflowId);
			const note = await uchat.deliver(workspace, { sender_id: uchatContact, conv_id: Number(conversation), text: 'internal note', type: 'text', message_type: 'outgoing', private: true });
			expect(note.status).toBe(200);
			// The UChat Trigger keeps private notes out of the workflow (Include Private Notes is off).
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(executionsBefore);
			expect(platforms.bonychat.received().slice(before).map((m) => m.text)).not.toContain('internal note');
		});
	});

	describe('retailcrm-selarti-ai.json', () => {
		let example: ReturnType<typeof prepareExample>;
		let workflowId: string;
		const chatId = '801';

		beforeAll(async () => {
			({ example, id: workflowId } = await activateExample('retailcrm-selarti-ai.json'));
			await platforms.selarti.connect(exampleNode(example, 'Selarti Trigger'));
			await platforms.retailcrm.connect(exampleNode(example, 'retailCRM Bot Trigger'));
		});

		it('asks Selarti\'s AI about each customer message and answers in the retailCRM chat', async () => {
			const selartiBefore = platforms.selarti.received().length;
			const retailBefore = platforms.retailcrm.received().length;
			const text = 'Do you deliver to Kazan?';
			const said = await platforms.retailcrm.say({ chatId, text, attachments: [{ type: 'image', url: 'https://files.example.com/x.png', name: 'parcel.png' }] });
			const fileUrl = (said as { attachments: Array<{ url: string }> }).attachments[0].url;
			// Selarti keeps one dialog per chat_id: the bridge names it after the retailCRM chat.
			const selartiChat = 'retailcrm_801';
			const asked = await waitFor('Selarti to receive the text and the file link', () => {
				const list = platforms.selarti.received().slice(selartiBefore).filter((m) => m.chatId === selartiChat);
				return list.length >= 2 ? list : undefined;
			});
			expect(asked).toEqual(
				expect.arrayContaining([
					{ chatId: selartiChat, userId: selartiChat, text },
					{ chatId: selartiChat, userId: selartiChat, attachments: [{ type: 'file', url: fileUrl }] },
				]),
			);
			const answered = await waitFor('retailCRM to receive the AI answers', () => {
				const list = platforms.retailcrm.received().slice(retailBefore).filter((m) => m.chatId === chatId);
				return list.length >= 2 ? list : undefined;
			});
			expect(answered.map((m) => m.text).sort()).toEqual([`AI: ${fileUrl}`, `AI: ${text}`].sort());
			const executions = await n8n.api.waitForExecutions(workflowId, 4);
			expect(executions.every((e) => e.status === 'success')).toBe(true);
			// No echo: the bot's own answers in retailCRM and Selarti's copies of what the bridge sent start nothing.
			expect(await n8n.api.settledExecutionCount(workflowId)).toBe(4);
			expect(platforms.selarti.received().length).toBe(selartiBefore + 2);
		});

		it('leaves messages of retailCRM operators alone', async () => {
			const retail = simulatorOf<RetailCrmSimulator>(platforms.retailcrm);
			const before = platforms.selarti.received().length;
			const count = (await n8n.api.executions(workflowId, false)).length;
			retail.customerMessage(Number(chatId), 'An operator writes here', { from: { id: 5, type: 'user', name: 'Olga' } });
			const executions = await n8n.api.waitForExecutions(workflowId, count + 1);
			const last = executions[executions.length - 1];
			expect(nodeOutput(last, 'retailCRM Bot Trigger')[0]).toMatchObject({ chatId, text: 'An operator writes here' });
			expect(last.data?.resultData.runData['Ask Selarti AI']).toBeUndefined();
			expect(platforms.selarti.received().length).toBe(before);
		});
	});
});
