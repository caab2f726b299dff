import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	EngineResponse,
	IExecuteFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeOutput,
} from 'n8n-workflow';

import { refuseInTool, toolAwareProperties } from '../shared/tool';
import { requestOptionsParameter } from '../shared/http';
import * as disconnect from './actions/channel/disconnect';
import { deliver } from './actions/message/deliver';
import * as handleOutcome from './actions/message/handleOutcome';
import * as resendPending from './actions/message/resendPending';
import * as send from './actions/message/send';
import { route } from './actions/router';
import * as buildInfoReply from './actions/user/buildInfoReply';
import * as getInfo from './actions/user/getInfo';
import { testBrixCredential } from './credentialTest';
import { outcomeWebhooks, receiveOutcome } from './delivery';

/** Operations an AI agent cannot use: they answer a pending request, need a trigger item, or set up once. */
const NOT_FOR_TOOL = ['handleOutcome', 'resendPending', 'buildInfoReply'];

export class Brix implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BRIX',
		name: 'brix',
		icon: { light: 'file:brix.svg', dark: 'file:brix.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send client messages to a BRIX / ELMA365 live chat through an arbitrary messenger channel',
		defaults: { name: 'BRIX' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Wakes a Send that waits for delivery; the BRIX Trigger calls it with the messageOutcome.
		webhooks: outcomeWebhooks,
		credentials: [
			{
				name: 'brixApi',
				required: true,
				testedBy: 'brixApiTest',
				// Building a userInfo reply calls nothing, so a reply branch needs no credential.
				displayOptions: { hide: { operation: ['buildInfoReply'] } },
			},
		],
		properties: toolAwareProperties([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Channel', value: 'channel' },
					{ name: 'Message', value: 'message' },
					{ name: 'User', value: 'user' },
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
						name: 'Handle Delivery Outcome (Deprecated)',
						value: 'handleOutcome',
						description: 'No longer needed: Send with Wait for Delivery re-sends by itself. Reports the outcome.',
						action: 'Handle delivery outcome',
					},
					{
						name: 'Resend Pending (Deprecated)',
						value: 'resendPending',
						description: 'No longer needed: Send with Wait for Delivery re-sends by itself. Does nothing.',
						action: 'Resend pending messages',
					},
					{
						name: 'Send',
						value: 'send',
						description: 'Send a client message to the BRIX operators',
						action: 'Send message',
					},
				],
				default: 'send',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['channel'] } },
				options: [
					{
						name: 'Disconnect',
						value: 'disconnect',
						description: 'Tell BRIX that the messenger ends the interaction',
						action: 'Disconnect channel',
					},
				],
				default: 'disconnect',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['user'] } },
				options: [
					{
						name: 'Build Info Reply',
						value: 'buildInfoReply',
						description: 'Shape the answer to a userInfo request of the BRIX Trigger',
						action: 'Build user info reply',
					},
					{
						name: 'Get Info',
						value: 'getInfo',
						description: 'Ask BRIX for the data of one of its users',
						action: 'Get user info',
					},
				],
				default: 'getInfo',
			},
			...send.description,
			...handleOutcome.description,
			...resendPending.description,
			...disconnect.description,
			...getInfo.description,
			...buildInfoReply.description,
			{ ...requestOptionsParameter, displayOptions: { hide: { operation: ['buildInfoReply', 'handleOutcome', 'resendPending'] } } },
		], NOT_FOR_TOOL),
	};

	methods = { credentialTest: { brixApiTest: testBrixCredential } };

	async execute(this: IExecuteFunctions, response?: EngineResponse): Promise<NodeOutput> {
		refuseInTool(this, this.getNodeParameter('operation', 0) as string, NOT_FOR_TOOL);
		const sendAndWait =
			this.getNodeParameter('resource', 0) === 'message' &&
			this.getNodeParameter('operation', 0) === 'send' &&
			this.getNodeParameter('waitForDelivery', 0, true) === true &&
			// An agent running this node as a tool cannot wait.
			!this.getNode().type.endsWith('Tool');
		if (sendAndWait) return await deliver.call(this, response);
		return await route.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveOutcome.call(this);
	}
}
