/**
 * The common message shape, end to end: for every ordered pair of platforms, `Trigger A -> Action B` with no
 * mapping (only credentials and the target's required ids) carries text and attachments from simulated
 * platform A to simulated platform B through a real n8n.
 */
import { nodeOutput } from '../harness/n8n-api';
import { startN8n, type N8nInstance } from '../harness/n8n-server';
import { waitFor } from '../harness/wait';
import { chain } from '../harness/workflow';
import {
	PLATFORM_NAMES,
	startPlatforms,
	stopPlatforms,
	type BridgeMessage,
	type PlatformAdapter,
	type PlatformName,
} from '../../simulators/platforms';

const pairs: Array<[PlatformName, PlatformName]> = PLATFORM_NAMES.flatMap((source) =>
	PLATFORM_NAMES.filter((target) => target !== source).map((target) => [source, target] as [PlatformName, PlatformName]),
);

describe('bridge matrix: Trigger A -> Action B with no mapping', () => {
	let n8n: N8nInstance;
	let platforms: Record<PlatformName, PlatformAdapter>;

	beforeAll(async () => {
		n8n = await startN8n();
		platforms = await startPlatforms({ api: n8n.api, baseUrl: n8n.baseUrl, brixAutoFlow: false });
	});
	afterAll(async () => {
		if (platforms) await stopPlatforms(platforms);
		await n8n?.stop();
	});

	it('covers every platform as source and as destination', () => {
		for (const name of PLATFORM_NAMES) {
			expect(pairs.some(([source]) => source === name)).toBe(true);
			expect(pairs.some(([, target]) => target === name)).toBe(true);
		}
		expect(PLATFORM_NAMES.length).toBeGreaterThanOrEqual(5);
	});

	it.each(pairs)('%s -> %s delivers text and attachments', async (sourceName, targetName) => {
		const source = platforms[sourceName];
		const target = platforms[targetName];
		const index = pairs.findIndex(([a, b]) => a === sourceName && b === targetName);
		const chatId = String(7100 + index);
		// BonyChat's and Selarti's contact is the chat; the others may name a separate user.
		const userId = source.contactIsChat ? chatId : `customer-${index}`;
		const message: BridgeMessage = {
			chatId,
			userId,
			text: `Hello from ${source.label} to ${target.label}`,
		};
		// Selarti's webhooks carry text only; every other platform also sends a file.
		if (source.sendsAttachments) {
			message.attachments = [{ type: 'image', url: `https://files.example.com/${sourceName}-${targetName}/photo.png`, name: 'photo.png' }];
		}
		const wf = chain(`${source.label} -> ${target.label}`, [source.trigger(), target.action()]);
		const workflowId = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(workflowId);
		try {
			await source.connect(wf.nodes[0]);
			const said = (await source.say(message)) ?? message;

			// retailCRM hosts the files its customers send: the URL the trigger emits is the platform's own.
			const expectedUrls = (said.attachments ?? []).map((a) => a.url);
			const arrived = await waitFor(
				`${target.label} to receive the text and the attachment`,
				() => {
					const forChat = target.received().filter((m) => m.chatId === chatId);
					const texts = forChat.map((m) => m.text).filter(Boolean);
					const urls = forChat.flatMap((m) => m.attachments ?? []).map((a) => a.url);
					return texts.includes(message.text) && expectedUrls.every((url) => urls.includes(url)) ? forChat : undefined;
				},
				{ timeoutMs: 60_000 },
			);
			const attachments = arrived.flatMap((m) => m.attachments ?? []);
			// Selarti takes text only: a file arrives as its URL, its kind is not carried.
			const kind = targetName === 'selarti' ? {} : { type: 'image' };
			expect(attachments).toEqual(expectedUrls.map((url) => expect.objectContaining({ ...kind, url })));
			expect(arrived.map((m) => m.text).filter(Boolean)).toEqual([message.text]);
			// The user the destination names: the source's user, or the chat where the destination keys contacts
			// on the chat or the source has no user (BRIX operator messages).
			const expectedUser = target.contactIsChat ? chatId : (said.userId ?? chatId);
			for (const received of arrived) {
				if (received.userId !== undefined) expect(received.userId).toBe(expectedUser);
			}

			// One execution per platform request (UChat, BonyChat and retailCRM send text and file apart); a trigger
			// that catches up on missed messages (retailCRM) may also emit earlier chats' messages.
			const emittedItems = (list: Awaited<ReturnType<typeof n8n.api.executions>>) =>
				list.flatMap((e) => (e.data?.resultData.runData[wf.nodes[0].name] ? nodeOutput(e, wf.nodes[0].name) : [])).filter((item) => item.chatId === chatId);
			const executions = await waitFor('the executions of every message', async () => {
				const list = await n8n.api.waitForExecutions(workflowId, 1);
				const items = emittedItems(list);
				const urls = items.flatMap((item) => (item.attachments as Array<{ url: string }>) ?? []).map((a) => a.url);
				return items.some((item) => item.text === message.text) && expectedUrls.every((url) => urls.includes(url)) ? list : undefined;
			});
			expect(executions.every((e) => e.status === 'success')).toBe(true);
			const emitted = emittedItems(executions);
			for (const item of emitted) {
				expect(item).toMatchObject({ platform: sourceName, chatId, event: expect.any(String) });
				expect(item.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
				expect(item.raw).toEqual(expect.any(Object));
			}
			expect(emitted.map((item) => item.text).filter(Boolean)).toEqual([message.text]);
			expect(emitted.flatMap((item) => (item.attachments as unknown[]) ?? [])).toEqual(
				expectedUrls.map((url) => expect.objectContaining({ type: 'image', url })),
			);
		} finally {
			await n8n.api.deactivate(workflowId);
		}
	});
});
