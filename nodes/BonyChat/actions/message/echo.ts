import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { messageFields, readMessageItem } from './fields';
import { messageEvents, postForItems } from './post';

export const description: INodeProperties[] = messageFields('echo');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await postForItems(this, (index) => {
		const item = readMessageItem(this, index);
		return {
			contactId: item.contactId,
			events: messageEvents('message_echo', item.messages, item.mId, item.timestamp),
			contact: item.contact,
		};
	});
}
