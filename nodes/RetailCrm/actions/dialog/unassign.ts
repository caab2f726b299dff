import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, type OperationContext } from '../common';

export const description = forOperation('dialog', 'unassign', [
	{
		displayName: 'Dialog ID',
		name: 'dialogId',
		type: 'string',
		default: '={{ $json.dialogId }}',
		required: true,
		description: 'The dialog whose responsible is removed',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const dialogId = idParameter.call(this, 'dialogId', itemIndex);
	return await botRequest.call(this, {
		method: 'PATCH',
		path: `/dialogs/${dialogId}/unassign`,
		itemIndex,
		limiter: context.limiter,
	});
}
