import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, type OperationContext } from '../common';

export const description = forOperation('message', 'edit', [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		description: 'The message of this bot to edit (only where the channel supports editing)',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The new text of the message',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const messageId = idParameter.call(this, 'messageId', itemIndex);
	const content = this.getNodeParameter('text', itemIndex) as string;
	const answer = await botRequest.call(this, {
		method: 'PATCH',
		path: `/messages/${messageId}`,
		body: { content },
		itemIndex,
		idempotent: true,
		limiter: context.limiter,
	});
	return { messageId, edited: true, ...answer };
}
