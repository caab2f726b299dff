import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	fieldsFromParameters,
	pastedUrlLifecycle,
	startThenAcknowledge,
	RequestError,
	header,
	parseJsonObject,
	rawBodyParameter,
	readBody,
	respondError,
	respondFailure,
	respondJson,
	webhookRequest,
} from '../shared/webhook';
import { pastedUrlTriggerPanel, productionUrlPattern } from '../shared/triggerPanel';
import { generateMessageId } from './events';
import { parseBonyChatRequest, toBonyChatItem } from './inbound';
import { isAuthorized } from './verify';

export class BonyChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BonyChat Trigger',
		name: 'bonyChatTrigger',
		icon: { light: 'file:bonychat.svg', dark: 'file:bonychat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ "Reply: " + ($parameter["replyMode"] === "lastNode" ? "When Last Node Finishes" : $parameter["replyMode"] === "replyOperation" ? "Using Reply Operation" : "Immediately") }}',
		description:
			'Starts the workflow when BonyChat or respond.io sends a message through a Custom Channel',
		defaults: { name: 'BonyChat Trigger' },
		triggerPanel: pastedUrlTriggerPanel({
			service: 'the Custom Channel',
			url: productionUrlPattern(''),
			setup:
				'in the Custom Channel settings paste {url} (the Production URL listed for GET, that is the POST URL without <code>/message</code>) as <b>API Base URL</b>. The platform calls &lt;API Base URL&gt;/message with the channel\'s API token; other calls get 401.',
		}),
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bonyChatApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'message',
				...fieldsFromParameters({
					responseMode: (parameters) =>
						parameters.replyMode === 'lastNode'
							? 'lastNode'
							: parameters.replyMode === 'replyOperation'
								? 'responseNode'
								: 'onReceived',
					responseData: (parameters) => (parameters.replyMode === 'lastNode' ? 'firstEntryJson' : ''),
				}),
			},
			{
				// Not called by the platform: this entry makes the editor list the API Base URL itself
				// (<base>/webhook/<webhookId>), and a GET on it answers which URL to paste.
				name: 'setup',
				httpMethod: 'GET',
				path: '',
				isFullPath: true,
				responseMode: 'onReceived',
				responseData: 'noData',
			},
		],
		properties: [
			{
				displayName:
					'API Base URL to paste into the Custom Channel: the Production URL listed for <b>GET</b>, <code>https://&lt;your n8n&gt;/webhook/&lt;webhook ID&gt;</code> (the POST URL without <code>/message</code>)',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Reply Mode',
				name: 'replyMode',
				type: 'options',
				default: 'immediately',
				options: [
					{
						name: 'Immediately',
						value: 'immediately',
						description:
							'Answer 200 with a message ID the node generates (output as messageId) once n8n has stored the execution, before the workflow runs',
					},
					{
						name: 'Using Reply Operation',
						value: 'replyOperation',
						description:
							'A BonyChat node with the Reply to Outgoing Message operation answers: {"mId"} on success, or a 4xx {"error":{"message"}} from an error branch',
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description:
							'Answer with the first item of the last node, which must be { "mId": "..." }; a failed workflow answers 500, so the platform marks the message failed',
					},
				],
			},
			rawBodyParameter,
		],
	};

	webhookMethods = pastedUrlLifecycle;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getWebhookName() === 'setup') {
			return respondJson(this, 200, {
				apiBaseUrl: this.getNodeWebhookUrl('setup'),
				message: 'Paste apiBaseUrl as the API Base URL of the Custom Channel; the platform posts to <API Base URL>/message',
			});
		}
		try {
			const req = webhookRequest(this);
			const credentials = await this.getCredentials<{ apiToken: string }>('bonyChatApi');
			if (!isAuthorized(header(req, 'authorization'), String(credentials.apiToken ?? ''))) {
				return respondError(this, 401, 'Missing or invalid Authorization: Bearer <API token>');
			}
			const raw = parseJsonObject(await readBody(req));
			const parsed = parseBonyChatRequest(raw);
			const replyMode = this.getNodeParameter('replyMode', 'immediately') as string;
			const now = new Date();
			if (replyMode === 'lastNode' || replyMode === 'replyOperation') {
				return { workflowData: [[{ json: toBonyChatItem(parsed, raw as IDataObject, undefined, now) }]] };
			}
			const mId = generateMessageId();
			const item = toBonyChatItem(parsed, raw as IDataObject, mId, now);
			return startThenAcknowledge(this, [item], { mId });
		} catch (error) {
			if (error instanceof RequestError) return respondError(this, error.statusCode, error.message);
			return respondFailure(this, error);
		}
	}
}
