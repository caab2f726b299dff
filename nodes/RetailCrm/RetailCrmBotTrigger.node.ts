import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

import { idString } from '../shared/message';
import { BotConnection } from './connection';
import { asList, BOT_CREDENTIAL, botRequest, trimUrl } from './transport';
import { openSocket, webSocketUrl, WS_EVENTS } from './websocket';

const EVENT_LABELS: Record<string, string> = {
	bot_updated: 'Bot Updated',
	channel_updated: 'Channel Updated',
	chat_created: 'Chat Created',
	chat_unread_updated: 'Chat Unread Count Updated',
	chat_updated: 'Chat Updated',
	chats_deleted: 'Chats Deleted',
	customer_updated: 'Customer Updated',
	dialog_assign: 'Dialog Assigned',
	dialog_closed: 'Dialog Closed',
	dialog_opened: 'Dialog Opened',
	message_deleted: 'Message Deleted',
	message_new: 'New Message',
	message_restored: 'Message Restored',
	message_updated: 'Message Updated',
	settings_updated: 'Settings Updated',
	user_joined_chat: 'User Joined Chat',
	user_left_chat: 'User Left Chat',
	user_online_updated: 'User Online Status Updated',
	user_updated: 'User Updated',
};

export class RetailCrmBotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'retailCRM Bot Trigger',
		name: 'retailCrmBotTrigger',
		icon: { light: 'file:retailcrm.svg', dark: 'file:retailcrm.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Events: " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow on retailCRM / Simla MessageGateway events, received over the Bot API WebSocket',
		defaults: { name: 'retailCRM Bot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'retailCrmBotApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['message_new'],
				description: 'The events that start the workflow',
				options: WS_EVENTS.map((value) => ({ name: EVENT_LABELS[value], value })).sort((a, b) =>
					a.name.localeCompare(b.name),
				),
			},
			{
				displayName: 'Include Mass Communication',
				name: 'includeMassCommunication',
				type: 'boolean',
				default: false,
				description: 'Whether to receive events of mass mailings too',
			},
			{
				displayName: 'Settings',
				name: 'settings',
				type: 'collection',
				placeholder: 'Add Setting',
				default: {},
				options: [
					{
						displayName: 'Catch Up After Reconnect',
						name: 'backfill',
						type: 'boolean',
						default: true,
						description:
							'Whether to read the messages that arrived while the connection was down and emit them as New Message events',
					},
					{
						displayName: 'Catch Up Every (Minutes)',
						name: 'catchUpIntervalMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 5,
						description:
							'Also read missed messages this often while connected, in case the connection silently stopped delivering (0 = only after a reconnect)',
					},
					{
						displayName: 'Handshake Timeout (Seconds)',
						name: 'handshakeTimeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 30,
						description: 'How long to wait for MessageGateway to accept the WebSocket before giving up on that attempt and trying again',
					},
					{
						displayName: 'Ignore Own Messages',
						name: 'ignoreOwnMessages',
						type: 'boolean',
						default: true,
						description: 'Whether to drop the messages this bot sent itself (MessageGateway echoes them back)',
					},
					{
						displayName: 'Max Reconnect Attempts',
						name: 'maxReconnectAttempts',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 100 },
						default: 10,
						description:
							'How many reconnect attempts in a row, without a connection that worked (delivered an event or stayed open 30 s), before reporting the trigger as failed (n8n then restarts it)',
					},
					{
						displayName: 'Report Gaps',
						name: 'reportGaps',
						type: 'boolean',
						default: true,
						description:
							'Whether to emit one item with event "gap" (its time window in retailcrm.from / retailcrm.to) when selected events other than new messages may have been missed: while the connection was down, or while the trigger was not running',
					},
					{
						displayName: 'Resolve File URLs',
						name: 'resolveFileUrls',
						type: 'boolean',
						default: true,
						description:
							'Whether to look up the temporary download URL of every file, image or audio in a message, for the attachments field',
					},
				],
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const events = this.getNodeParameter('events', []) as string[];
		if (events.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Select at least one event');
		}
		const includeMassCommunication = this.getNodeParameter('includeMassCommunication', false) as boolean;
		const settings = this.getNodeParameter('settings', {}) as IDataObject;
		const credentials = await this.getCredentials(BOT_CREDENTIAL);
		const endpointUrl = trimUrl(credentials.endpointUrl);
		let url: string;
		try {
			url = webSocketUrl(endpointUrl, events, includeMassCommunication);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, {
				description: 'Fix the endpoint URL in the retailCRM Bot API credential.',
			});
		}

		// A harmless authenticated call first: a bad token fails publishing with the platform's own message,
		// and the answer tells which bot this is (its echoed messages are dropped).
		const self = asList(await botRequest.call(this, { method: 'GET', path: '/bots', query: { self: 1 } }));
		const selfBotId = idString(self[0]?.id);

		const connection = new BotConnection(this, {
			url,
			token: String(credentials.token ?? ''),
			events,
			includeMassCommunication,
			ignoreOwnMessages: settings.ignoreOwnMessages !== false,
			resolveFileUrls: settings.resolveFileUrls !== false,
			backfill: settings.backfill !== false,
			maxReconnectAttempts: typeof settings.maxReconnectAttempts === 'number' ? settings.maxReconnectAttempts : 10,
			catchUpIntervalMs:
				settings.backfill === false
					? 0
					: Math.max(0, typeof settings.catchUpIntervalMinutes === 'number' ? settings.catchUpIntervalMinutes : 5) * 60_000,
			handshakeTimeoutMs:
				Math.max(1, typeof settings.handshakeTimeoutSeconds === 'number' ? settings.handshakeTimeoutSeconds : 30) * 1000,
			reportGaps: settings.reportGaps !== false,
			resume: this.getMode() !== 'manual',
			selfBotId,
			openSocket,
		});
		const closeFunction = async () => await connection.close();
		if (this.getMode() === 'manual') {
			return { closeFunction, manualTriggerFunction: async () => await connection.start() };
		}
		await connection.start();
		return { closeFunction };
	}
}
