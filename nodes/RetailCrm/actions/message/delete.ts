import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, idParameter, type OperationContext } from '../common';

export const description = forOperation('message', 'delete', [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		description: 'The message to delete (only where the channel supports deleting)',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const messageId = idParameter.call(this, 'messageId', itemIndex);
	await botRequest.call(this, { method: 'DELETE', path: `/messages/${messageId}`, itemIndex, idempotent: true, limiter: context.limiter });
	return { messageId, deleted: true };
}
