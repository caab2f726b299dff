import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, type OperationContext } from '../common';
import { tagProperties, tagsBody } from './tags';

export const description = forOperation('dialog', 'removeTags', tagProperties(false));

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const dialogId = idParameter.call(this, 'dialogId', itemIndex);
	const tags = tagsBody.call(this, itemIndex, false);
	await botRequest.call(this, { method: 'PATCH', path: `/dialogs/${dialogId}/tags/delete`, body: { tags }, itemIndex, limiter: context.limiter });
	return { dialogId, tags, removed: true };
}
