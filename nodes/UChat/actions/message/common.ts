import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { conversationFor, conversationNumber, originPlatformParameter } from '../../../shared/origin';
import { conversationIdOf, resolveBotUrl, senderIdOf, type Sender } from '../../bodies';
import { FLOW_CREDENTIAL } from '../../transport';

/** Fields every message operation shares: where to post and who the contact is. */
export function recipientFields(operation: string): INodeProperties[] {
	const show = { resource: ['message'], operation: [operation] };
	return [
		{
			displayName: 'Bot URL',
			name: 'botUrl',
			type: 'string',
			default: '={{ $json.uchat?.botUrl }}',
			placeholder: 'e.g. https://bot.dfktv2.com/api/apichat/abc123',
			description:
				'The API Chat bot_url of the workspace. The UChat Trigger outputs it as uchat.botUrl; when empty, the Bot URL of the credential is used. Its host must be one the credential names (Bot URL or Base URL) or bot.dfktv2.com.',
			displayOptions: { show },
		},
		{
			displayName: 'Conversation ID',
			name: 'conversationId',
			type: 'string',
			default: '={{ $json.chatId }}',
			required: true,
			description:
				'Integer ID of the conversation in your system (conversation_id). A chat of another platform (see Chat Comes From) gets a conversation of its own.',
			displayOptions: { show },
		},
		{ ...originPlatformParameter, displayOptions: { show } },
		{
			displayName: 'Sender ID',
			name: 'senderId',
			type: 'string',
			default: '={{ $json.userId }}',
			description:
				'Stable ID of the contact in your system (sender ID); UChat keys the bot user on it. Empty uses the conversation ID (for platforms whose messages carry no user ID, e.g. BRIX operator messages).',
			displayOptions: { show },
		},
		{
			displayName: 'Sender Details',
			name: 'senderDetails',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description: 'Email of the contact (sender.email)',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'Display name of the contact (sender.name)',
				},
				{
					displayName: 'Phone Number',
					name: 'phone',
					type: 'string',
					default: '',
					description: 'Phone number of the contact (sender.phone_number)',
				},
			],
		},
	];
}

export interface Recipient {
	botUrl: string;
	conversationId: number;
	sender: Sender;
}

export async function recipientOf(this: IExecuteFunctions, itemIndex: number): Promise<Recipient> {
	const credentials = await this.getCredentials(FLOW_CREDENTIAL, itemIndex);
	const details = this.getNodeParameter('senderDetails', itemIndex, {}) as IDataObject;
	const str = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
	const chat = str(this.getNodeParameter('conversationId', itemIndex)).trim();
	const senderId = str(this.getNodeParameter('senderId', itemIndex, '')).trim();
	// A chat of another platform: the conversation and its contact are both named by the origin key, which
	// UChat hands back as sender_id with every reply.
	const { origin, key } = conversationFor('uchat', this.getNodeParameter('originPlatform', itemIndex, ''), chat, senderId || undefined);
	const conversationId = origin ? conversationNumber(key) : conversationIdOf(chat);
	const contactId = origin ? key : senderId === '' ? String(conversationId) : senderId;
	return {
		botUrl: resolveBotUrl(this.getNodeParameter('botUrl', itemIndex, ''), credentials.botUrl, credentials.baseUrl),
		conversationId,
		sender: {
			id: senderIdOf(contactId),
			name: str(details.name),
			email: str(details.email),
			phone: str(details.phone),
		},
	};
}
