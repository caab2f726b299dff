import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, type OperationContext } from '../common';

export const description = forOperation('dialog', 'assign', [
	{
		displayName: 'Dialog ID',
		name: 'dialogId',
		type: 'string',
		default: '={{ $json.dialogId }}',
		required: true,
		description: 'The dialog to assign',
	},
	{
		displayName: 'Assign To',
		name: 'responsibleType',
		type: 'options',
		default: 'user',
		options: [
			{ name: 'Bot', value: 'bot' },
			{ name: 'User', value: 'user' },
		],
		description: 'Whether the dialog goes to an operator (user) or a bot',
	},
	{
		displayName: 'Responsible ID',
		name: 'responsibleId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the user or bot that becomes responsible',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const dialogId = idParameter.call(this, 'dialogId', itemIndex);
	const type = this.getNodeParameter('responsibleType', itemIndex) as string;
	const id = idParameter.call(this, 'responsibleId', itemIndex);
	return await botRequest.call(this, {
		method: 'PATCH',
		path: `/dialogs/${dialogId}/assign`,
		body: type === 'bot' ? { bot_id: id } : { user_id: id },
		itemIndex,
		limiter: context.limiter,
	});
}
