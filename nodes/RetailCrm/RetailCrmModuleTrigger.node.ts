import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	ANSWER_FROM_NODE,
	pastedUrlLifecycle,
	startThenAcknowledge,
	contentTypeOf,
	parseFormOrJson,
	rawBodyParameter,
	readBody,
	respondFailure,
	webhookRequest,
} from '../shared/webhook';
import { pastedUrlTriggerPanel, productionUrlPattern } from '../shared/triggerPanel';
import { toRetailCrmActivityItem } from './inbound';
import { verifyActivity } from './verify';

export class RetailCrmModuleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'retailCRM Module Trigger',
		name: 'retailCrmModuleTrigger',
		icon: { light: 'file:retailcrm.svg', dark: 'file:retailcrm.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Module activity of " + $parameter["clientId"]}}',
		description: 'Starts the workflow when retailCRM switches the bot module on, off or freezes it (activity callback)',
		defaults: { name: 'retailCRM Module Trigger' },
		triggerPanel: pastedUrlTriggerPanel({
			service: 'retailCRM',
			url: productionUrlPattern(''),
			setup:
				'register the module (retailCRM Bot node, Module &gt; Register) with {url} as <b>Base URL</b>: the Production URL without the final <code>/webhook</code>. The default Activity Path, <code>/webhook</code>, completes it; use the same Client ID here.',
		}),
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: ANSWER_FROM_NODE,
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Base URL for the module registration (retailCRM Bot node, Module > Register): the Production URL without the final <code>/webhook</code>, <code>https://&lt;your n8n&gt;/webhook/&lt;webhook ID&gt;</code>. Keep its default Activity Path, <code>/webhook</code>.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'string',
				default: '',
				required: true,
				description: 'The clientId the module was registered with; callbacks with another clientId are rejected',
			},
			rawBodyParameter,
		],
	};

	webhookMethods = pastedUrlLifecycle;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = webhookRequest(this);
		try {
			const raw = await readBody(req);
			const fields: IDataObject = parseFormOrJson(raw, contentTypeOf(req));
			const expected = String(this.getNodeParameter('clientId', '') ?? '').trim();
			const activity = verifyActivity(fields, expected);
			const item = toRetailCrmActivityItem(activity, fields);
			return startThenAcknowledge(this, [item], { success: true });
		} catch (error) {
			return respondFailure(this, error);
		}
	}
}
