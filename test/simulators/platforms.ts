/**
 * Every platform simulator behind one small interface, so bridges between any two platforms can be built,
 * driven and checked the same way: by the bridge matrix, the example tests and the playground.
 *
 * - `trigger()` / `action()` give the n8n node of the platform with only credentials and the platform's own
 *   required ids set (no mapping: the nodes' defaults read the common message shape);
 * - `connect()` points the simulator at an active trigger (or waits for the trigger's own registration);
 * - `say()` makes the simulated platform send a message with text and attachments to n8n;
 * - `received()` lists, in the common shape, what the simulated platform received from n8n's action node.
 */
import axios from 'axios';
import { randomUUID } from 'crypto';

import type { N8nApi, WorkflowNode } from '../e2e/harness/n8n-api';
import { nodeType } from '../e2e/harness/paths';
import { waitFor } from '../e2e/harness/wait';
import type { NodeSpec } from '../e2e/harness/workflow';
import { startBrixSimulator, type BrixSimulator } from './brix/simulator';
import { start as startBonyChatSimulator, type BonyChatSimulator } from './bonychat';
import { startRetailCrmSimulator, type RetailCrmSimulator } from './retailcrm';
import { start as startSelartiSimulator, webhookPayload, type SelartiSimulator } from './selarti';
import { UChatSimulator } from './uchat';

export type PlatformName = 'brix' | 'uchat' | 'bonychat' | 'selarti' | 'retailcrm';

export interface BridgeAttachment {
	type: 'image' | 'video' | 'audio' | 'file';
	url: string;
	name?: string;
}

/** A message as a simulated platform sends it or received it, in common-shape terms. */
export interface BridgeMessage {
	chatId: string;
	userId?: string;
	text?: string;
	attachments?: BridgeAttachment[];
	/**
	 * Which connection of the platform sends (UChat: the workspace ID; BonyChat: the name of the trigger node, as
	 * one respond.io channel has one API Base URL; default: the last connected).
	 */
	route?: string;
}

export interface PlatformAdapter {
	name: PlatformName;
	/** Display name used in node names and logs. */
	label: string;
	/** Whether the platform's messages toward n8n can carry files (Selarti's webhooks carry text only). */
	sendsAttachments: boolean;
	/** Whether the platform names the contact by the chat (the send operation has no separate user field). */
	contactIsChat: boolean;
	/** Type of the platform's trigger node (without the package prefix). */
	triggerType: string;
	/** The n8n credentials created for the simulator, by credential type. */
	credentials: Record<string, { id: string; name: string }>;
	/** The platform's trigger node, credentials set, common-shape output. */
	trigger(name?: string): NodeSpec;
	/** The platform's "send message" node with only credentials and the target's required ids. */
	action(name?: string): NodeSpec;
	/** Points the simulator at an active trigger node (production URL) and waits until it answers. */
	connect(node: WorkflowNode): Promise<void>;
	/**
	 * The simulated platform sends a message (text and attachments) into n8n's trigger. Returns the message as
	 * the platform represents it when that differs (its own user ID, file URLs it hosts itself).
	 */
	say(message: BridgeMessage): Promise<BridgeMessage | void>;
	/** What the simulated platform received from n8n so far (one entry per platform request). */
	received(): BridgeMessage[];
	/** The raw requests behind `received()` (for printing). */
	describeReceived(from?: number): string[];
	stop(): Promise<void>;
}

export interface PlatformsOptions {
	api: N8nApi;
	baseUrl: string;
	/** Fixed simulator ports (playground); 0 or absent picks free ones. */
	ports?: Partial<Record<PlatformName, number>>;
	/** Credential names (playground: stable, readable names the example workflows reference). */
	credentialNames?: Partial<Record<string, string>>;
	/** BRIX asks userInfo and confirms each client message, like the real platform (default true). */
	brixAutoFlow?: boolean;
	/** Selarti's AI answers every message it receives through the connected trigger (default false). */
	selartiAnswers?: boolean;
	/** BRIX's processing time before it asks userInfo (default 1000 ms). */
	brixFlowDelayMs?: number;
}

export const BRIX_CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';
export const BRIX_TOKEN = 'brix-confirmation';
export const BRIX_OUTGOING_TOKEN = 'brix-outgoing';
export const UCHAT_WORKSPACE = '1001';
export const BONYCHAT_CHANNEL = 'gfd8g7fd89dgfd';
export const SELARTI_WEBHOOK_SECRET = 'selarti-webhook-secret';

const productionUrl = (baseUrl: string, node: WorkflowNode) => `${baseUrl}/webhook/${node.webhookId}/webhook`;

/** Waits until n8n routes POST on a production webhook URL (a GET then gets n8n's "POST request" 404 hint). */
export async function waitForPostRoute(url: string): Promise<void> {
	await waitFor(
		`POST route ${url}`,
		async () => {
			const response = await axios.get(url, { validateStatus: () => true });
			const text = typeof response.data === 'string' ? response.data : JSON.stringify(response.data);
			return response.status !== 404 || /POST request|did you mean/i.test(text) ? true : undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 250 },
	);
}

async function brixAdapter(options: PlatformsOptions): Promise<PlatformAdapter> {
	const sim: BrixSimulator = await startBrixSimulator({
		channelIds: [BRIX_CHANNEL],
		token: BRIX_TOKEN,
		expectedToken: BRIX_OUTGOING_TOKEN,
		autoFlow: options.brixAutoFlow ?? true,
		flowDelayMs: options.brixFlowDelayMs ?? 1000,
		port: options.ports?.brix,
	});
	const credential = await options.api.createCredential(
		'brixApi',
		{ token: BRIX_TOKEN, outgoingToken: BRIX_OUTGOING_TOKEN, baseUrl: sim.url, channelId: BRIX_CHANNEL },
		options.credentialNames?.brixApi,
	);
	const messages = () => sim.requests.filter((request) => request.body?.type === 'message' && request.status === 200);
	return {
		name: 'brix',
		label: 'BRIX',
		sendsAttachments: true,
		contactIsChat: false,
		triggerType: 'brixTrigger',
		credentials: { brixApi: credential },
		trigger: (name = 'BRIX Trigger') => ({
			name,
			type: nodeType('brixTrigger'),
			webhook: true,
			parameters: { events: ['message'], userInfoAnswer: 'node' },
			sendsAttachments: true,
		contactIsChat: false,
		triggerType: 'brixTrigger',
		credentials: { brixApi: credential },
		}),
		action: (name = 'Send to BRIX') => ({
			name,
			type: nodeType('brix'),
			// A bridge into BRIX has no BRIX Trigger to hand the delivery outcomes back.
			parameters: { resource: 'message', operation: 'send', waitForDelivery: false },
			sendsAttachments: true,
		contactIsChat: false,
		triggerType: 'brixTrigger',
		credentials: { brixApi: credential },
		}),
		async connect(node) {
			const url = productionUrl(options.baseUrl, node);
			sim.options.messengerUrl = url;
			await waitForPostRoute(url);
		},
		async say(message) {
			const files = (message.attachments ?? []).map((attachment) => ({
				name: attachment.name ?? attachment.url.split('/').pop() ?? 'file',
				size: 1024,
				URL: attachment.url,
			}));
			const answer = await sim.sendOperatorMessage(BRIX_CHANNEL, message.chatId, message.text ?? '', files);
			if (answer.status !== 200) throw new Error(`BRIX trigger answered ${answer.status} ${JSON.stringify(answer.data)}`);
			// An operator message names only the chat.
			return { chatId: message.chatId, text: message.text, attachments: message.attachments };
		},
		received: () =>
			messages().map((request) => {
				const data = request.body!.data as Record<string, unknown>;
				const files = (data.files as Array<{ name: string; URL: string }>) ?? [];
				return {
					chatId: String(data.externalChatId),
					userId: String(data.externalUserId),
					text: String(data.text ?? ''),
					attachments: files.map((file) => ({ type: attachmentType(file.name), url: file.URL, name: file.name })),
				};
			}),
		describeReceived: (from = 0) =>
			messages()
				.slice(from)
				.map((request) => `BRIX received a client message: ${JSON.stringify(request.body!.data)}`),
		stop: () => sim.stop(),
		...({ simulator: sim } as object),
	} as PlatformAdapter;
}

async function uchatAdapter(options: PlatformsOptions): Promise<PlatformAdapter> {
	const sim = new UChatSimulator();
	await sim.start(options.ports?.uchat);
	const partner = await options.api.createCredential(
		'uChatPartnerApi',
		{ baseUrl: sim.url, apiKey: sim.partnerKey },
		options.credentialNames?.uChatPartnerApi,
	);
	const flow = await options.api.createCredential(
		'uChatApi',
		{ baseUrl: sim.url, apiKey: sim.flowKey, botUrl: sim.botUrl(UCHAT_WORKSPACE) },
		options.credentialNames?.uChatApi,
	);
	let workspace = UCHAT_WORKSPACE;
	const bodies = () =>
		sim
			.botRequests()
			.filter((request) => request.method === 'POST' && typeof request.body === 'object' && request.body !== null)
			.map((request) => request.body as Record<string, unknown>);
	return {
		name: 'uchat',
		label: 'UChat',
		sendsAttachments: true,
		contactIsChat: false,
		triggerType: 'uChatTrigger',
		credentials: { uChatPartnerApi: partner, uChatApi: flow },
		trigger: (name = 'UChat Trigger') => ({
			name,
			type: nodeType('uChatTrigger'),
			webhook: true,
			parameters: { registration: 'automatic', workspaceId: UCHAT_WORKSPACE },
			credentials: { uChatPartnerApi: partner },
		}),
		action: (name = 'Send to UChat') => ({
			name,
			type: nodeType('uChat'),
			parameters: { resource: 'message', operation: 'send' },
			credentials: { uChatApi: flow },
		}),
		async connect(node) {
			const url = productionUrl(options.baseUrl, node);
			const workspaceId = String(node.parameters.workspaceId ?? UCHAT_WORKSPACE);
			workspace = workspaceId;
			await waitFor(
				`UChat registration of ${url}`,
				() => {
					const registration = sim.registration(workspaceId);
					return registration.webhook_url === url && registration.webhook_status === 'verified' ? true : undefined;
				},
				{ timeoutMs: 60_000 },
			);
			await waitForPostRoute(url);
		},
		async say(message) {
			const base = { sender_id: message.userId ?? `contact-${message.chatId}`, conv_id: Number(message.chatId), message_type: 'outgoing', private: false };
			const payloads: Array<Record<string, unknown>> = [];
			if (message.text) payloads.push({ ...base, text: message.text, type: 'text' });
			for (const attachment of message.attachments ?? []) payloads.push({ ...base, url: attachment.url, type: attachment.type });
			for (const payload of payloads) {
				const result = await sim.deliver(message.route ?? workspace, payload);
				if (result.status !== 200) throw new Error(`UChat trigger answered ${result.status} ${result.body}`);
			}
		},
		received: () =>
			bodies().map((body) => {
				const sender = body.sender as { id: string };
				const attachments = (body.attachments as Array<{ file_type: BridgeAttachment['type']; data_url: string }>) ?? [];
				const message: BridgeMessage = { chatId: String(body.conversation_id), userId: sender.id };
				if (body.content) message.text = String(body.content);
				if (attachments.length > 0) message.attachments = attachments.map((a) => ({ type: a.file_type, url: a.data_url }));
				return message;
			}),
		describeReceived: (from = 0) =>
			bodies()
				.slice(from)
				.map((body) => `UChat bot received a contact message: ${JSON.stringify(body)}`),
		stop: () => sim.stop(),
		...({ simulator: sim } as object),
	} as PlatformAdapter;
}

async function bonyChatAdapter(options: PlatformsOptions): Promise<PlatformAdapter> {
	const sim: BonyChatSimulator = await startBonyChatSimulator({ channelId: BONYCHAT_CHANNEL, port: options.ports?.bonychat });
	const credential = await options.api.createCredential(
		'bonyChatApi',
		{ channelId: sim.channelId, apiToken: sim.apiToken, webhookUrl: sim.webhookUrl },
		options.credentialNames?.bonyChatApi,
	);
	let apiBaseUrl: string | undefined;
	const routes = new Map<string, string>();
	const accepted = () => sim.accepted().filter((request) => Array.isArray((request.body as { events?: unknown[] })?.events));
	return {
		name: 'bonychat',
		label: 'BonyChat',
		sendsAttachments: true,
		contactIsChat: true,
		triggerType: 'bonyChatTrigger',
		credentials: { bonyChatApi: credential },
		trigger: (name = 'BonyChat Trigger') => ({
			name,
			type: nodeType('bonyChatTrigger'),
			webhook: true,
			parameters: { replyMode: 'immediately' },
			credentials: { bonyChatApi: credential },
		}),
		action: (name = 'Send to BonyChat') => ({
			name,
			type: nodeType('bonyChat'),
			parameters: { resource: 'message', operation: 'send' },
			credentials: { bonyChatApi: credential },
		}),
		async connect(node) {
			apiBaseUrl = `${options.baseUrl}/webhook/${node.webhookId}`;
			routes.set(node.name, apiBaseUrl);
			await waitForPostRoute(`${apiBaseUrl}/message`);
		},
		async say(message) {
			const target = message.route === undefined ? apiBaseUrl : routes.get(message.route);
			if (!target) throw new Error(message.route === undefined ? 'BonyChat is not connected to a trigger' : `BonyChat has no trigger named "${message.route}" (connected: ${[...routes.keys()].join(', ')})`);
			const messages: unknown[] = [];
			if (message.text) messages.push({ type: 'text', text: message.text });
			for (const attachment of message.attachments ?? []) {
				const fileName = attachment.name ?? attachment.url.split('/').pop();
				messages.push({ type: 'attachment', attachment: { type: attachment.type, url: attachment.url, ...(fileName ? { fileName } : {}) } });
			}
			for (const body of messages) {
				const answer = await sim.sendOutgoing(target, { channelId: sim.channelId, contactId: message.userId ?? message.chatId, message: body });
				if (answer.status !== 200) throw new Error(`BonyChat trigger answered ${answer.status} ${JSON.stringify(answer.body)}`);
			}
		},
		received: () =>
			accepted().map((request) => {
				const body = request.body as { contactId: string; events: Array<{ message?: Record<string, unknown> }> };
				const received: BridgeMessage = { chatId: body.contactId, userId: body.contactId };
				const texts: string[] = [];
				const attachments: BridgeAttachment[] = [];
				for (const event of body.events) {
					const message = event.message ?? {};
					if (message.type === 'text') texts.push(String(message.text));
					if (message.type === 'attachment') {
						const attachment = message.attachment as { type: BridgeAttachment['type']; url: string; fileName?: string };
						attachments.push({ type: attachment.type, url: attachment.url, ...(attachment.fileName ? { name: attachment.fileName } : {}) });
					}
				}
				if (texts.length > 0) received.text = texts.join('\n');
				if (attachments.length > 0) received.attachments = attachments;
				return received;
			}),
		describeReceived: (from = 0) =>
			accepted()
				.slice(from)
				.map((request) => `BonyChat (respond.io) received a contact message: ${JSON.stringify(request.body)}`),
		stop: () => sim.stop(),
		...({ simulator: sim } as object),
	} as PlatformAdapter;
}

async function selartiAdapter(options: PlatformsOptions): Promise<PlatformAdapter> {
	const sim: SelartiSimulator = await startSelartiSimulator({ port: options.ports?.selarti });
	const credential = await options.api.createCredential(
		'selartiApi',
		{ baseUrl: sim.url, apiToken: sim.token, webhookSecret: SELARTI_WEBHOOK_SECRET, taskId: sim.taskId },
		options.credentialNames?.selartiApi,
	);
	let triggerUrl: string | undefined;
	const accepted = () => sim.requests.filter((request) => request.status === 200 && request.errors.length === 0);
	return {
		name: 'selarti',
		label: 'Selarti',
		sendsAttachments: false,
		contactIsChat: true,
		triggerType: 'selartiTrigger',
		credentials: { selartiApi: credential },
		trigger: (name = 'Selarti Trigger') => ({
			name,
			type: nodeType('selartiTrigger'),
			webhook: true,
			parameters: { authors: ['bot', 'operator'] },
			credentials: { selartiApi: credential },
		}),
		action: (name = 'Send to Selarti') => ({
			name,
			type: nodeType('selarti'),
			parameters: { resource: 'message', operation: 'sendExternal' },
			credentials: { selartiApi: credential },
		}),
		async connect(node) {
			const url = productionUrl(options.baseUrl, node);
			triggerUrl = `${url}?secret=${SELARTI_WEBHOOK_SECRET}`;
			if (options.selartiAnswers) sim.integrationUrl = triggerUrl;
			await waitForPostRoute(url);
		},
		async say(message) {
			if (!triggerUrl) throw new Error('Selarti is not connected to a trigger');
			const result = await sim.sendWebhook(
				triggerUrl,
				webhookPayload({ external_chat_id: message.chatId, task_id: sim.taskId, message_type: 'bot', message_text: message.text ?? '' }),
			);
			if (result.status !== 200) throw new Error(`Selarti trigger answered ${result.status} ${JSON.stringify(result.body)}`);
		},
		received: () =>
			accepted().map((request) => {
				const body = request.body as { chat_id: string; message: string };
				// Selarti takes text only: attachments arrive as URL lines after the text.
				const lines = body.message.split('\n');
				const links: string[] = [];
				while (lines.length > 0 && /^https?:\/\/\S+$/.test(lines[lines.length - 1])) links.unshift(lines.pop()!);
				const received: BridgeMessage = { chatId: body.chat_id, userId: body.chat_id };
				if (lines.join('\n') !== '') received.text = lines.join('\n');
				if (links.length > 0) received.attachments = links.map((url) => ({ type: attachmentType(url), url }));
				return received;
			}),
		describeReceived: (from = 0) =>
			accepted()
				.slice(from)
				.map((request) => `Selarti AI received a user message: ${JSON.stringify(request.body)}`),
		stop: () => sim.stop(),
		...({ simulator: sim } as object),
	} as PlatformAdapter;
}

async function retailCrmAdapter(options: PlatformsOptions): Promise<PlatformAdapter> {
	const sim: RetailCrmSimulator = await startRetailCrmSimulator({ port: options.ports?.retailcrm });
	const credential = await options.api.createCredential(
		'retailCrmBotApi',
		{ endpointUrl: sim.url, token: sim.botToken },
		options.credentialNames?.retailCrmBotApi,
	);
	/** The bot's messages; a file message carries the file uploaded by URL just before it. */
	const sent = () => {
		const list: Array<{ body: Record<string, unknown>; fileUrl?: string }> = [];
		const uploads: string[] = [];
		for (const request of sim.botRequests('POST')) {
			if (request.status !== 200) continue;
			const body = request.body as Record<string, unknown>;
			if (request.path === '/files/upload_by_url') uploads.push(String(body.url));
			if (request.path === '/messages') list.push({ body, fileUrl: body.type !== 'text' ? uploads.shift() : undefined });
		}
		return list;
	};
	const waitForSocket = async () =>
		waitFor('the retailCRM Bot Trigger to open its WebSocket', () =>
			sim.clients.some((client) => client.events.includes('message_new') && client.socket.readyState === 1) ? true : undefined,
		{ timeoutMs: 60_000 });
	return {
		name: 'retailcrm',
		label: 'retailCRM',
		sendsAttachments: true,
		contactIsChat: true,
		triggerType: 'retailCrmBotTrigger',
		credentials: { retailCrmBotApi: credential },
		trigger: (name = 'retailCRM Bot Trigger') => ({
			name,
			type: nodeType('retailCrmBotTrigger'),
			parameters: { events: ['message_new'] },
			credentials: { retailCrmBotApi: credential },
		}),
		action: (name = 'Send to retailCRM') => ({
			name,
			type: nodeType('retailCrmBot'),
			parameters: { resource: 'message', operation: 'send' },
			credentials: { retailCrmBotApi: credential },
		}),
		connect: async () => {
			await waitForSocket();
		},
		async say(message) {
			const chatId = Number(message.chatId);
			if (!Number.isInteger(chatId) || chatId <= 0) throw new Error('retailCRM chat IDs are positive integers');
			const said: BridgeMessage = { chatId: message.chatId, attachments: [] };
			if (message.text) {
				const stored = sim.customerMessage(chatId, message.text);
				said.userId = String(stored.from.id);
				said.text = message.text;
			}
			for (const attachment of message.attachments ?? []) {
				const id = randomUUID();
				const kind = attachment.type === 'image' ? 'image' : 'file';
				const stored = sim.customerMessage(chatId, '', { type: kind, items: [{ id, kind, caption: attachment.name ?? kind }] });
				said.userId = String(stored.from.id);
				// The trigger reads the file's URL from the MessageGateway (GET /files/{id}).
				said.attachments!.push({ type: attachment.type, url: `${sim.url}/download/${id}`, name: attachment.name });
			}
			return said;
		},
		received: () =>
			sent().map(({ body, fileUrl }) => {
				const received: BridgeMessage = { chatId: String(body.chat_id) };
				if (body.type === 'text' && body.content) received.text = String(body.content);
				if (fileUrl) received.attachments = [{ type: body.type === 'image' ? 'image' : 'file', url: fileUrl }];
				return received;
			}),
		describeReceived: (from = 0) =>
			sent()
				.slice(from)
				.map(({ body, fileUrl }) => `retailCRM received a bot message: ${JSON.stringify(body)}${fileUrl ? ` (file ${fileUrl})` : ''}`),
		stop: () => sim.stop(),
		...({ simulator: sim } as object),
	} as PlatformAdapter;
}

export function attachmentType(name: string): BridgeAttachment['type'] {
	const extension = name.toLowerCase().split('.').pop() ?? '';
	if (['png', 'jpg', 'jpeg', 'gif', 'webp'].includes(extension)) return 'image';
	if (['mp4', 'mov', 'webm'].includes(extension)) return 'video';
	if (['mp3', 'ogg', 'wav', 'm4a'].includes(extension)) return 'audio';
	return 'file';
}

const FACTORIES: Record<PlatformName, (options: PlatformsOptions) => Promise<PlatformAdapter>> = {
	brix: brixAdapter,
	uchat: uchatAdapter,
	bonychat: bonyChatAdapter,
	selarti: selartiAdapter,
	retailcrm: retailCrmAdapter,
};

export const PLATFORM_NAMES = Object.keys(FACTORIES) as PlatformName[];

/** Starts the simulators of the given platforms and creates their credentials in n8n. */
export async function startPlatforms(
	options: PlatformsOptions,
	names: PlatformName[] = PLATFORM_NAMES,
): Promise<Record<PlatformName, PlatformAdapter>> {
	const started = {} as Record<PlatformName, PlatformAdapter>;
	try {
		for (const name of names) started[name] = await FACTORIES[name](options);
	} catch (error) {
		await stopPlatforms(started);
		throw error;
	}
	return started;
}

export async function stopPlatforms(platforms: Partial<Record<PlatformName, PlatformAdapter>>): Promise<void> {
	await Promise.allSettled(Object.values(platforms).map((platform) => platform?.stop()));
}

/** The simulator object behind an adapter (for platform-specific checks). */
export function simulatorOf<T>(adapter: PlatformAdapter): T {
	return (adapter as unknown as { simulator: T }).simulator;
}

/** Credential names the example workflows reference (the playground creates credentials with these names). */
export const EXAMPLE_CREDENTIAL_NAMES: Record<string, string> = {
	brixApi: 'BRIX account',
	uChatApi: 'UChat account',
	uChatPartnerApi: 'UChat Partner account',
	bonyChatApi: 'BonyChat account',
	selartiApi: 'Selarti account',
	retailCrmBotApi: 'retailCRM Bot account',
};
