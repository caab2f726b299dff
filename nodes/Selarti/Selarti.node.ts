import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { requestOptionsParameter } from '../shared/http';
import * as sendExternal from './actions/message/sendExternal';
import { router } from './actions/router';
import { testSelartiCredential } from './credentialTest';

export class Selarti implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Selarti',
		name: 'selarti',
		icon: { light: 'file:selarti.svg', dark: 'file:selarti.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send user messages to a Selarti AI through the external messenger API',
		defaults: { name: 'Selarti' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'selartiApi', required: true, testedBy: 'selartiApiTest' }],
		properties: [
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
						name: 'Send External Message',
						value: 'sendExternal',
						description: 'Send a user\'s message to the AI of a Web task; the answer arrives at the Selarti Trigger',
						action: 'Send external message',
					},
				],
				default: 'sendExternal',
			},
			...sendExternal.description,
			requestOptionsParameter,
		],
	};

	methods = { credentialTest: { selartiApiTest: testSelartiCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
