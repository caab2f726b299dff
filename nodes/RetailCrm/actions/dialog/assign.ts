import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, mgIdLocator, type OperationContext } from '../common';

export const description = forOperation('dialog', 'assign', [
	mgIdLocator({
		displayName: 'Dialog ID',
		name: 'dialogId',
		description: 'The dialog to assign',
		searchListMethod: 'searchDialogs',
		idDefault: '={{ $json.dialogId }}',
	}),
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
	mgIdLocator({
		displayName: 'Responsible ID',
		name: 'responsibleId',
		description: 'The user or bot that becomes responsible',
		searchListMethod: 'searchResponsibles',
	}),
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
