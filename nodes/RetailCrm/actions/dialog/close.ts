import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, mgIdLocator, type OperationContext } from '../common';

export const description = forOperation('dialog', 'close', [
	mgIdLocator({
		displayName: 'Dialog ID',
		name: 'dialogId',
		description: 'The dialog to close',
		searchListMethod: 'searchDialogs',
		idDefault: '={{ $json.dialogId }}',
	}),
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
