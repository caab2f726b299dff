import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, type OperationContext } from '../common';
import { tagProperties, tagsBody } from './tags';

export const description = forOperation('dialog', 'addTags', tagProperties(true));

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const dialogId = idParameter.call(this, 'dialogId', itemIndex);
	const tags = tagsBody.call(this, itemIndex, true);
	await botRequest.call(this, { method: 'PATCH', path: `/dialogs/${dialogId}/tags/add`, body: { tags }, itemIndex, limiter: context.limiter });
	return { dialogId, tags };
}
