import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { refuseInTool, toolAwareProperties } from '../shared/tool';
import { requestOptionsParameter } from '../shared/http';
import * as echo from './actions/message/echo';
import * as reply from './actions/message/reply';
import * as send from './actions/message/send';
import * as updateStatus from './actions/message/updateStatus';
import { router } from './actions/router';

/** Operations an AI agent cannot use: they answer a pending request, need a trigger item, or set up once. */
const NOT_FOR_TOOL = ['reply'];

export class BonyChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BonyChat',
		name: 'bonyChat',
		icon: { light: 'file:bonychat.svg', dark: 'file:bonychat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Post messages, echoes and delivery statuses to a BonyChat or respond.io Custom Channel',
		defaults: { name: 'BonyChat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'bonyChatApi',
				required: true,
				displayOptions: { show: { operation: ['send', 'echo', 'updateStatus'] } },
			},
		],
		properties: toolAwareProperties([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
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
						name: 'Reply to Outgoing Message',
						value: 'reply',
						description: 'Answer the trigger\'s pending request with the message ID (sent) or an error (failed)',
						action: 'Reply to outgoing message',
					},
					{
						name: 'Send Contact Message',
						value: 'send',
						description: 'Post a message the contact sent (message event)',
						action: 'Send contact message',
					},
					{
						name: 'Send Echo',
						value: 'echo',
						description: 'Post a message the business sent outside the platform (message_echo event)',
						action: 'Send echo of business message',
					},
					{
						name: 'Update Status',
						value: 'updateStatus',
						description: 'Report sent, delivered, read or failed for an outgoing message (message_status event)',
						action: 'Update message status',
					},
				],
				default: 'send',
			},
			...send.description,
			...echo.description,
			...updateStatus.description,
			...reply.description,
			{ ...requestOptionsParameter, displayOptions: { hide: { operation: ['reply'] } } },
		], NOT_FOR_TOOL),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		refuseInTool(this, this.getNodeParameter('operation', 0) as string, NOT_FOR_TOOL);
		return await router.call(this);
	}
}
