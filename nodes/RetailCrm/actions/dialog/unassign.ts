import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, mgIdLocator, type OperationContext } from '../common';

export const description = forOperation('dialog', 'unassign', [
	mgIdLocator({
		displayName: 'Dialog ID',
		name: 'dialogId',
		description: 'The dialog whose responsible is removed',
		searchListMethod: 'searchDialogs',
		idDefault: '={{ $json.dialogId }}',
	}),
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
