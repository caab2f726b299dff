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

import type { N8nApi, WorkflowNode } from '../e2e/harness/n8n-api';
import { nodeType } from '../e2e/harness/paths';
import { waitFor } from '../e2e/harness/wait';
import type { NodeSpec } from '../e2e/harness/workflow';
import { startBrixSimulator, type BrixSimulator } from './brix/simulator';
import { UChatSimulator } from './uchat';

export type PlatformName = 'brix' | 'uchat';

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
}

export interface PlatformAdapter {
	name: PlatformName;
	/** Display name used in node names and logs. */
	label: string;
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
	/** The simulated platform sends a message (text and attachments) into n8n's trigger. */
	say(message: BridgeMessage): Promise<void>;
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
	/** BRIX's processing time before it asks userInfo (default 1000 ms). */
	brixFlowDelayMs?: number;
}

export const BRIX_CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';
export const BRIX_TOKEN = 'brix-confirmation';
export const BRIX_OUTGOING_TOKEN = 'brix-outgoing';
export const UCHAT_WORKSPACE = '1001';

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
		triggerType: 'brixTrigger',
		credentials: { brixApi: credential },
		trigger: (name = 'BRIX Trigger') => ({
			name,
			type: nodeType('brixTrigger'),
			webhook: true,
			parameters: { events: ['message'], userInfoAnswer: 'node' },
			triggerType: 'brixTrigger',
		credentials: { brixApi: credential },
		}),
		action: (name = 'Send to BRIX') => ({
			name,
			type: nodeType('brix'),
			parameters: { resource: 'message', operation: 'send' },
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
				const result = await sim.deliver(workspace, payload);
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
};
