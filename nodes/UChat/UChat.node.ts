import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { requestOptionsParameter } from '../shared/http';
import * as send from './actions/message/send';
import * as sendMedia from './actions/message/sendMedia';
import * as sendPostback from './actions/message/sendPostback';
import { router } from './actions/router';
import { searchWorkspaces } from './transport';
import * as getWebhook from './actions/webhook/get';
import * as removeWebhook from './actions/webhook/remove';
import * as setWebhook from './actions/webhook/set';

export class UChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UChat',
		name: 'uChat',
		icon: { light: 'file:uchat.svg', dark: 'file:uchat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send contact messages to a UChat bot through API Chat and manage the API Chat webhook',
		defaults: { name: 'UChat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'uChatApi', required: true, displayOptions: { show: { resource: ['message'] } } },
			{ name: 'uChatPartnerApi', required: true, displayOptions: { show: { resource: ['webhook'] } } },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Message', value: 'message' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'message',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{
						name: 'Send',
						value: 'send',
						description: 'Send the contact\'s text and attachments to the bot',
						action: 'Send message',
					},
					{
						name: 'Send Media',
						value: 'sendMedia',
						description: 'Send one image, audio, video or file to the bot',
						action: 'Send media message',
					},
					{
						name: 'Send Postback',
						value: 'sendPostback',
						description: 'Send the button the contact clicked to the bot',
						action: 'Send button postback',
					},
				],
				default: 'send',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['webhook'] } },
				options: [
					{
						name: 'Get',
						value: 'get',
						description: 'Get the API Chat webhook of a workspace',
						action: 'Get webhook',
					},
					{
						name: 'Remove',
						value: 'remove',
						description: 'Remove the API Chat webhook of a workspace',
						action: 'Remove webhook',
					},
					{
						name: 'Set',
						value: 'set',
						description: 'Set and verify the API Chat webhook of a workspace',
						action: 'Set webhook',
					},
				],
				default: 'get',
			},
			...send.description,
			...sendMedia.description,
			...sendPostback.description,
			...getWebhook.description,
			...setWebhook.description,
			...removeWebhook.description,
			requestOptionsParameter,
		],
	};

	methods = { listSearch: { searchWorkspaces } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
