/**
 * The common message shape and ids that travel, end to end: for every ordered pair of platforms,
 * `Trigger A -> Action B` with no mapping (only credentials) carries text and attachments from simulated platform
 * A to simulated platform B through a real n8n, in a conversation B names after A's chat; B's answer in that
 * conversation goes through `Trigger B -> Action A` (defaults again) back into the original A conversation.
 * retailCRM bots cannot open chats, so retailCRM is a destination only for chats of its own (one way).
 */
import { parseOriginKey } from '../../../nodes/shared/origin';
import { nodeOutput } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
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

/** Everything `platform` received in the conversation where `text` arrived, once every URL of `urls` is there too. */
function conversationWith(platform: PlatformAdapter, text: string, urls: string[], what: string): Promise<BridgeMessage[]> {
	return waitFor(
		what,
		() => {
			const withText = platform.received().find((m) => m.text === text);
			if (!withText) return undefined;
			const forChat = platform.received().filter((m) => m.chatId === withText.chatId);
			const arrived = forChat.flatMap((m) => m.attachments ?? []).map((a) => a.url);
			return urls.every((url) => arrived.includes(url)) ? forChat : undefined;
		},
		{ timeoutMs: 60_000 },
	);
}

const pairs: Array<[PlatformName, PlatformName]> = PLATFORM_NAMES.flatMap((source) =>
	PLATFORM_NAMES.filter((target) => target !== source).map((target) => [source, target] as [PlatformName, PlatformName]),
);

describe('bridge matrix: Trigger A -> Action B with no mapping', () => {
	let n8n: N8nInstance;
	let platforms: Record<PlatformName, PlatformAdapter>;

	beforeAll(async () => {
		n8n = await startTestN8n();
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

	it.each(pairs)('%s -> %s delivers text and attachments, and the answer comes back', async (sourceName, targetName) => {
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
		let backId: string | undefined;
		await n8n.api.activate(workflowId);
		try {
			await source.connect(wf.nodes[0]);
			const said = (await source.say(message)) ?? message;

			// retailCRM hosts the files its customers send: the URL the trigger emits is the platform's own.
			const expectedUrls = (said.attachments ?? []).map((a) => a.url);
			const arrived = await conversationWith(target, message.text!, expectedUrls, `${target.label} to receive the text and the attachment`);
			const attachments = arrived.flatMap((m) => m.attachments ?? []);
			// Selarti takes text only: a file arrives as its URL, its kind is not carried.
			const kind = targetName === 'selarti' ? {} : { type: 'image' };
			expect(attachments).toEqual(expectedUrls.map((url) => expect.objectContaining({ ...kind, url })));
			expect(arrived.map((m) => m.text).filter(Boolean)).toEqual([message.text]);
			// The conversation B opened is named after A's chat (UChat names it by its contact; retailCRM has no
			// conversations of its own to open and gets the chat as it is).
			const opened = arrived[0];
			if (targetName === 'retailcrm') {
				expect(opened.chatId).toBe(chatId);
			} else {
				const key = targetName === 'uchat' ? opened.userId : opened.chatId;
				expect(parseOriginKey(key)).toMatchObject({ platform: sourceName, chatId });
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
			if (targetName === 'retailcrm') return;

			// B answers in the conversation the bridge opened; "Trigger B -> Action A" with defaults lands in A's chat.
			await n8n.api.deactivate(workflowId);
			const back = chain(`${target.label} -> ${source.label}`, [target.trigger(), source.action()]);
			backId = await n8n.api.createWorkflow(back);
			await n8n.api.activate(backId);
			await target.connect(back.nodes[0]);
			const answer: BridgeMessage = { chatId: opened.chatId, userId: opened.userId, text: `Answer from ${target.label} to ${source.label}` };
			if (target.sendsAttachments) {
				answer.attachments = [{ type: 'image', url: `https://files.example.com/${targetName}-${sourceName}/answer.png`, name: 'answer.png' }];
			}
			const answered = (await target.say(answer)) ?? answer;
			const answerUrls = (answered.attachments ?? []).map((a) => a.url);
			const home = await conversationWith(source, answer.text!, answerUrls, `${source.label} to receive the answer in the original chat`);
			for (const received of home) expect(received.chatId).toBe(chatId);
			// UChat keys its contact apart from the conversation: the answer comes from the original contact.
			if (sourceName === 'uchat') for (const received of home) expect(received.userId).toBe(said.userId ?? userId);
			expect(home.flatMap((m) => m.attachments ?? []).map((a) => a.url)).toEqual(answerUrls);
			const backRuns = await n8n.api.waitForExecutions(backId, 1);
			const answerItems = backRuns.flatMap((e) => (e.data?.resultData.runData[back.nodes[0].name] ? nodeOutput(e, back.nodes[0].name) : []));
			expect(answerItems.find((item) => item.text === answer.text)).toMatchObject({
				platform: targetName,
				chatId,
				origin: { platform: sourceName, chatId },
			});
		} finally {
			await n8n.api.deactivate(workflowId);
			if (backId) await n8n.api.deactivate(backId);
		}
	});
});
