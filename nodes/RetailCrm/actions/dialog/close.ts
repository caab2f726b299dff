import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, type OperationContext } from '../common';

export const description = forOperation('dialog', 'close', [
	{
		displayName: 'Dialog ID',
		name: 'dialogId',
		type: 'string',
		default: '={{ $json.dialogId }}',
		required: true,
		description: 'The dialog to close',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const dialogId = idParameter.call(this, 'dialogId', itemIndex);
	await botRequest.call(this, {
		method: 'DELETE',
		path: `/dialogs/${dialogId}/close`,
		itemIndex,
		limiter: context.limiter,
	});
	return { dialogId, closed: true };
}
