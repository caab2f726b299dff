import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	fieldsFromParameters,
	startThenAcknowledge,
	parseJsonObject,
	rawBodyParameter,
	readBody,
	respondFailure,
	webhookRequest,
} from '../shared/webhook';
import { testBrixCredential } from './credentialTest';
import { pastedUrlTriggerPanel, productionUrlPattern } from '../shared/triggerPanel';
import { forwardOutcome } from './delivery';
import { shapeUserInfoReply } from './format';
import { toBrixItem } from './inbound';
import { EMPTY_TOKEN_MESSAGE, nextDisconnected, parseAllowList, verifyBrixRequest } from './verify';

interface NodeStaticData extends IDataObject {
	disconnectedChannels?: string[];
}

async function tokenPolicy(ctx: IHookFunctions | IWebhookFunctions) {
	const credentials = await ctx.getCredentials('brixApi');
	return {
		token: typeof credentials.token === 'string' ? credentials.token : '',
		acceptUnauthenticated: credentials.acceptUnauthenticated === true,
	};
}

const EVENT_OPTIONS = [
	{ name: 'Connect', value: 'connect', description: 'A BRIX channel was created for this messenger (carries its webhook URL)' },
	{ name: 'Disconnect', value: 'disconnect', description: 'BRIX ends the interaction with the messenger' },
	{ name: 'Mark as Read', value: 'markAsRead', description: 'An operator read a client message' },
	{ name: 'Message', value: 'message', description: 'An operator message for a client' },
	{ name: 'Message Outcome', value: 'messageOutcome', description: 'Whether BRIX processed a client message' },
	{ name: 'User Info', value: 'userInfo', description: 'BRIX asks for a client\'s profile' },
];

const OK = { success: true };

export class BrixTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BRIX Trigger',
		name: 'brixTrigger',
		icon: { light: 'file:brix.svg', dark: 'file:brix.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"BRIX: " + $parameter["events"].join(", ")}}',
		description: 'Receive operator messages and events from a BRIX / ELMA365 arbitrary messenger channel',
		defaults: { name: 'BRIX Trigger' },
		triggerPanel: pastedUrlTriggerPanel({
			service: 'BRIX',
			url: productionUrlPattern('webhook'),
			setup:
				'in the BRIX channel settings paste {url} (the Production URL under Webhook URLs) as <b>Messenger\'s API URL</b> and the credential\'s access token as the confirmation string. BRIX sends <code>connect</code> as soon as the channel is saved, so publish first.',
		}),
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'brixApi', required: true, testedBy: 'brixApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				// One URL has one response mode. "From Workflow": the Build Info Reply node answers userInfo as soon
				// as it runs; every other request is answered 200 when its execution ends.
				...fieldsFromParameters({
					responseMode: (parameters) => (parameters.userInfoAnswer === 'workflow' ? 'responseNode' : 'onReceived'),
				}),
				responseData: '',
			},
		],
		properties: [
			{
				displayName:
					'Messenger\'s API URL to paste into the BRIX channel: the Production URL, <code>https://&lt;your n8n&gt;/webhook/&lt;webhook ID&gt;/webhook</code>; confirmation string: the credential\'s access token',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['message'],
				description:
					'Events that start an execution. Other events are still answered 200 (user info as set below). Only operator messages by default, so a bridge never sends receipts or connects on.',
			},
			{
				displayName: 'User Info Answer',
				name: 'userInfoAnswer',
				type: 'options',
				options: [
					{
						name: 'From Workflow',
						value: 'workflow',
						description:
							'Every userInfo request runs the workflow; the BRIX "Build Info Reply" node answers it',
					},
					{
						name: 'From Node',
						value: 'node',
						description: 'The node answers at once with the user ID as ID and username',
					},
				],
				default: 'node',
				description: 'How userInfo requests are answered (BRIX waits for the JSON reply)',
			},
			{
				displayName:
					'The userInfo branch must reach a BRIX node with User → Build Info Reply: it answers BRIX at once with the profile (ID, username, phone number, avatar). Other requests are answered 200 when their execution ends, 500 if it fails.',
				name: 'workflowNotice',
				type: 'notice',
				displayOptions: { show: { userInfoAnswer: ['workflow'] } },
				default: '',
			},
			{
				displayName: 'Allowed Channel IDs',
				name: 'allowedChannels',
				type: 'string',
				default: '',
				placeholder: 'ebf45efc-cc67-4b60-9e3f-121966ba9f30',
				description:
					'Comma-separated BRIX channel IDs. Requests naming another channel are answered 404. Empty allows every channel BRIX has not disconnected.',
			},
			rawBodyParameter,
		],
	};

	methods = { credentialTest: { brixApiTest: testBrixCredential } };

	webhookMethods = {
		default: {
			// The URL is pasted into BRIX by hand, so there is nothing to register; activation only refuses a
			// credential that would accept anybody's requests without the user having said so.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const policy = await tokenPolicy(this);
				if (policy.token === '' && !policy.acceptUnauthenticated) {
					throw new NodeOperationError(this.getNode(), 'The BRIX API credential has no access token', {
						description: EMPTY_TOKEN_MESSAGE,
					});
				}
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			const body = parseJsonObject(await readBody(webhookRequest(this)));
			const allowed = parseAllowList(this.getNodeParameter('allowedChannels', '') as string);
			const stored = this.getWorkflowStaticData('node') as NodeStaticData;
			const { event } = verifyBrixRequest(body, await tokenPolicy(this), {
				allowed,
				disconnected: stored.disconnectedChannels,
			});
			if (event === undefined) return { webhookResponse: OK };
			// Best effort (n8n keeps this only when the request starts no execution): losing the record only turns a
			// 404 for a disconnected channel back into a 200.
			const channelId = body.channelId === undefined || body.channelId === null ? undefined : String(body.channelId);
			const disconnected = nextDisconnected(stored.disconnectedChannels, event, channelId);
			if (disconnected) stored.disconnectedChannels = disconnected;
			const events = this.getNodeParameter('events', []) as string[];
			const fromWorkflow = this.getNodeParameter('userInfoAnswer', 'node') === 'workflow';
			const item = toBrixItem(event, body) as IDataObject;
			const workflowData = [this.helpers.returnJsonArray([item])];
			if (event === 'messageOutcome') {
				await forwardOutcome.call(this, String((body.data as IDataObject).messageId), (item.brix as IDataObject | undefined)?.success === true);
			}

			if (event === 'userInfo') {
				if (fromWorkflow) return { workflowData };
				const reply = shapeUserInfoReply({ id: item.userId as string });
				return events.includes(event) ? { workflowData, webhookResponse: reply } : { webhookResponse: reply };
			}
			if (!events.includes(event)) return { webhookResponse: OK };
			return startThenAcknowledge(this, [item], OK);
		} catch (error) {
			return respondFailure(this, error);
		}
	}
}
