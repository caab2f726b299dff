import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { commonMessage, withPlatformDetails } from '../shared/message';
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
					'In the module registration (retailCRM Bot node, Module > Register) set Base URL to this node\'s production URL without the final /webhook, and Activity Path to /webhook',
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
			const item = withPlatformDetails(commonMessage({ platform: 'retailcrm', event: 'activity', author: 'system', raw: fields }), {
				clientId: activity.clientId,
				active: activity.active,
				freeze: activity.freeze,
				systemUrl: activity.systemUrl,
			});
			return startThenAcknowledge(this, [item], { success: true });
		} catch (error) {
			return respondFailure(this, error);
		}
	}
}
