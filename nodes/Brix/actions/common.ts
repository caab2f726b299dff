import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/** Where a request goes: a channel of the credential's BRIX, or a full webhook URL from the connect event. */
export function targetProperties(resource: string, operations: string[]): INodeProperties[] {
	const show = { resource: [resource], operation: operations };
	return [
		{
			displayName: 'Target',
			name: 'target',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show },
			options: [
				{
					name: 'Channel ID',
					value: 'channelId',
					description: 'The credential\'s BRIX base URL plus a channel ID',
				},
				{
					name: 'Webhook URL',
					value: 'webhookUrl',
					description: 'The full BRIX webhook URL from the connect event (data.webhook)',
				},
			],
			default: 'channelId',
		},
		{
			displayName: 'Channel ID',
			name: 'channelId',
			type: 'string',
			displayOptions: { show: { ...show, target: ['channelId'] } },
			default: '',
			description: 'BRIX channel ID. Empty uses the credential\'s default channel ID.',
		},
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			displayOptions: { show: { ...show, target: ['webhookUrl'] } },
			default: '',
			required: true,
			placeholder: 'https://my-company.brix365.com/api/messengers/external/other/webhook/<channel ID>',
			description: 'The BRIX webhook URL of the channel, as sent by BRIX in the connect event',
		},
	];
}
