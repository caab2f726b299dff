import type { IDataObject, INodeProperties } from 'n8n-workflow';

const show = { resource: ['message'], operation: ['resendPending'] };

/** Kept so that workflows saved with it still load; its former settings are ignored. */
export const description: INodeProperties[] = [
	{
		displayName:
			'Deprecated: Send (with Wait for Delivery) re-sends messages without a messageOutcome by itself. This operation does nothing and outputs no items; it can be removed together with its schedule.',
		name: 'resendNotice',
		type: 'notice',
		displayOptions: { show },
		default: '',
	},
];

export async function execute(): Promise<IDataObject[]> {
	return [];
}
