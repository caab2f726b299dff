import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { partnerWebhook } from '../../transport';
import { publicWebhook, workspaceField, workspaceIdParameter } from './common';

const show = { resource: ['webhook'], operation: ['set'] };

export const description: INodeProperties[] = [
	workspaceField('set'),
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://n8n.example.com/webhook/abc/webhook',
		description: 'URL UChat verifies and then posts bot and agent replies to (webhook_url)',
		displayOptions: { show },
	},
	{
		displayName: 'Verification Key',
		name: 'verificationKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'Secret UChat echoes during verification and signs every delivery with (webhook_verification_key)',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const workspaceId = workspaceIdParameter.call(this, itemIndex);
	const webhookUrl = String(this.getNodeParameter('webhookUrl', itemIndex, '')).trim();
	const verificationKey = String(this.getNodeParameter('verificationKey', itemIndex, ''));
	if (!/^https?:\/\//i.test(webhookUrl)) throw new NodeOperationError(this.getNode(), 'Webhook URL must be an http(s) URL', { itemIndex });
	if (verificationKey === '') throw new NodeOperationError(this.getNode(), 'Verification Key is required', { itemIndex });
	const webhook = await partnerWebhook.call(
		this,
		'POST',
		workspaceId,
		{ webhook_url: webhookUrl, webhook_verification_key: verificationKey },
		itemIndex,
	);
	return { json: publicWebhook(webhook), pairedItem: { item: itemIndex } };
}
