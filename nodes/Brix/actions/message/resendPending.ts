import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outboxOf, pendingEntries, recordSent } from '../../outbox';
import { brixPost } from '../../transport';

const show = { resource: ['message'], operation: ['resendPending'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Older Than (Seconds)',
		name: 'olderThan',
		type: 'number',
		typeOptions: { minValue: 0 },
		displayOptions: { show },
		default: 60,
		description: 'Re-send messages sent at least this long ago that have no positive messageOutcome yet',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show },
		default: 5,
		description: 'Give up (forget the message) after this many sends in total',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const olderThan = Number(this.getNodeParameter('olderThan', itemIndex, 60)) * 1000;
	const maxAttempts = Number(this.getNodeParameter('maxAttempts', itemIndex, 5));
	const staticData = this.getWorkflowStaticData('global');
	const outbox = { ...outboxOf(staticData) };
	const now = Date.now();
	const results: IDataObject[] = [];
	for (const [messageId, entry] of pendingEntries(outbox, now, olderThan)) {
		if (entry.attempts >= maxAttempts) {
			delete outbox[messageId];
			results.push({ messageId, action: 'dropped', attempts: entry.attempts });
			continue;
		}
		await brixPost.call(this, entry.url, { type: 'message', data: entry.data }, itemIndex, true);
		recordSent(outbox, messageId, entry.url, entry.data, now);
		results.push({ messageId, action: 'resent', attempts: outbox[messageId]?.attempts });
	}
	staticData.brixOutbox = outbox;
	return results;
}
