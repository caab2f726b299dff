import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, mgIdLocator, type OperationContext } from '../common';

export const description = forOperation('dialog', 'open', [
	mgIdLocator({
		displayName: 'Chat ID',
		name: 'chatId',
		description: 'The chat to open a new dialog in',
		searchListMethod: 'searchChats',
		idDefault: '={{ $json.chatId }}',
	}),
	{
		displayName: 'Responsible',
		name: 'responsibleType',
		type: 'options',
		default: 'bot',
		options: [
			{ name: 'Bot', value: 'bot' },
			{ name: 'User', value: 'user' },
		],
		description: 'Who the new dialog is assigned to',
	},
	mgIdLocator({
		displayName: 'Responsible ID',
		name: 'responsibleId',
		description: 'The bot or user (operator) the new dialog is assigned to',
		searchListMethod: 'searchResponsibles',
	}),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const chatId = idParameter.call(this, 'chatId', itemIndex);
	const type = this.getNodeParameter('responsibleType', itemIndex) as string;
	const id = idParameter.call(this, 'responsibleId', itemIndex);
	return await botRequest.call(this, {
		method: 'POST',
		path: `/chats/${chatId}/dialogs`,
		body: type === 'user' ? { user_id: id } : { bot_id: id },
		itemIndex,
		limiter: context.limiter,
	});
}
