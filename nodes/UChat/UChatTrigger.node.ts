import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';

import { idLocator, locatorValue } from '../shared/locator';
import { withOrigin } from '../shared/origin';
import { pastedUrlTriggerPanel, productionUrlPattern } from '../shared/triggerPanel';
import { safeEqual } from '../shared/secrets';
import {
	ANSWER_EMPTY,
	startThenAcknowledge,
	contentTypeOf,
	header,
	parseJsonObject,
	rawBodyParameter,
	readBody,
	respondError,
	respondFailure,
	respondText,
	webhookRequest,
} from '../shared/webhook';
import { isOwnProductionRegistration, isVerifiedStatus, sameUrl } from './registration';
import { parseUChatRequest, toUChatItem } from './inbound';
import { PARTNER_CREDENTIAL, partnerWebhook, searchWorkspaces } from './transport';
import { automaticVerificationKey, handshake, isValidSignature, SIGNATURE_HEADER, verificationParams } from './verify';

type Context = IHookFunctions | IWebhookFunctions;

interface NodeStaticData extends IDataObject {
	botUrl?: string;
	registeredUrl?: string;
	/** The key UChat holds for this registration: it stays valid when the partner key changes. */
	registeredKey?: string;
}

function registrationMode(ctx: Context): 'automatic' | 'manual' {
	return ctx.getNodeParameter('registration', 'automatic') === 'manual' ? 'manual' : 'automatic';
}

function workspaceIdOf(ctx: Context): string {
	return locatorValue(ctx.getNodeParameter('workspaceId', '', { extractValue: true }));
}

/** The verification key: derived from the partner key (automatic) or typed by the user (manual). */
async function verificationKeyOf(ctx: Context): Promise<string> {
	if (registrationMode(ctx) === 'manual') {
		return String(ctx.getNodeParameter('verificationKey', '') ?? '');
	}
	const credentials = await ctx.getCredentials(PARTNER_CREDENTIAL);
	const workflowId = ctx.getWorkflow().id ?? '';
	return automaticVerificationKey(String(credentials.apiKey ?? ''), String(workflowId), ctx.getNode().id);
}

/**
 * Keys that may sign a delivery: the current one, then (automatic) the key registered in UChat. A partner key
 * changed in the credential changes the derived key, but UChat keeps signing with the registered one until the
 * workflow is published again.
 */
async function acceptedKeysOf(ctx: IWebhookFunctions): Promise<string[]> {
	const current = await verificationKeyOf(ctx);
	const registered = registrationMode(ctx) === 'automatic' ? staticDataOf(ctx).registeredKey : undefined;
	return registered && registered !== current ? [current, registered] : [current];
}

function staticDataOf(ctx: Context): NodeStaticData {
	return ctx.getWorkflowStaticData('node') as NodeStaticData;
}

function remember(ctx: IHookFunctions, botUrl: string, registeredUrl: string, registeredKey: string): void {
	const data = staticDataOf(ctx);
	if (data.botUrl !== botUrl) data.botUrl = botUrl;
	if (data.registeredUrl !== registeredUrl) data.registeredUrl = registeredUrl;
	if (data.registeredKey !== registeredKey) data.registeredKey = registeredKey;
}

/**
 * Whether a registration read from UChat belongs to another workflow or system: set, and neither this node's
 * production nor its test URL.
 */
function registeredElsewhere(registeredUrl: string | undefined, ownUrl: string, webhookId: string | undefined): boolean {
	if (!registeredUrl || sameUrl(registeredUrl, ownUrl)) return false;
	return !(webhookId && registeredUrl.replace(/\/+$/, '').split('?')[0].endsWith(`/${webhookId}/webhook`));
}

export class UChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UChat Trigger',
		name: 'uChatTrigger',
		icon: { light: 'file:uchat.svg', dark: 'file:uchat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["registration"] === "manual" ? "Manual registration" : "Workspace " + ($parameter["workspaceId"].value ?? $parameter["workspaceId"])}}',
		description: 'Starts the workflow when the UChat bot or an agent replies in an API Chat conversation',
		defaults: { name: 'UChat Trigger' },
		triggerPanel: pastedUrlTriggerPanel({
			service: 'UChat',
			url: productionUrlPattern('webhook'),
			testing:
				'click \'Execute step\': with Automatic registration the node registers its Test URL in the workspace while it listens (see Allow Test to Replace Production); with Manual registration set the Test URL (<code>/webhook-test/</code> instead of <code>/webhook/</code>) as webhook_url yourself',
			setup:
				'with Automatic registration there is nothing to paste: publishing registers {url} (the Production URL) as the workspace\'s API Chat webhook, and unpublishing removes it. With Manual registration set {url} as webhook_url and the Verification Key as webhook_verification_key of the workspace\'s API Chat webhook (UChat verifies the URL at once).',
		}),
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'uChatPartnerApi',
				required: true,
				displayOptions: { show: { registration: ['automatic'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: ANSWER_EMPTY,
				path: 'webhook',
			},
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description: 'Register this node\'s URL through the UChat partner API when the workflow is published',
					},
					{
						name: 'Manual',
						value: 'manual',
						description: 'Paste the URL and a verification key into UChat yourself',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'Publishing the workflow sets this node\'s Production URL as the API Chat webhook of the workspace and unpublishing removes it. UChat keeps one API Chat webhook per workspace.',
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName:
					'Publish this workflow, then set the Production URL, <code>https://&lt;your n8n&gt;/webhook/&lt;webhook ID&gt;/webhook</code>, as webhook_url and the Verification Key below as webhook_verification_key of the workspace\'s API Chat webhook (partner API)',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				...idLocator({
					displayName: 'Workspace ID',
					name: 'workspaceId',
					description: 'The UChat workspace whose API Chat webhook this node registers',
					searchListMethod: 'searchWorkspaces',
					idPlaceholder: 'e.g. 123456',
				}),
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName: 'Verification Key',
				name: 'verificationKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description:
					'The webhook_verification_key registered in UChat. It answers the verification request and checks the signature of every message.',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Allow Test to Replace Production',
				name: 'allowTestTakeover',
				type: 'boolean',
				default: false,
				description:
					'Whether "Listen for test event" may replace the production registration of this published workflow. UChat keeps one webhook per workspace: after such a test, unpublish and publish the workflow again.',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName: 'Replace Another Registration',
				name: 'replaceOtherRegistration',
				type: 'boolean',
				default: false,
				description:
					'Whether publishing may take over a workspace whose API Chat webhook points to another workflow or system. Off: publishing fails and names the registered URL, so a second workflow never silently steals the workspace\'s messages.',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName: 'Include Private Notes',
				name: 'includePrivateNotes',
				type: 'boolean',
				default: false,
				description:
					'Whether private agent notes start the workflow too. They are meant for the team only, so by default a bridge never forwards them.',
			},
			rawBodyParameter,
		],
	};

	methods = { listSearch: { searchWorkspaces } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (registrationMode(this) === 'manual') return true;
				const ownUrl = this.getNodeWebhookUrl('default') ?? '';
				const current = await partnerWebhook.call(this, 'GET', workspaceIdOf(this));
				const key = await verificationKeyOf(this);
				const ours =
					sameUrl(current.webhook_url, ownUrl) &&
					isVerifiedStatus(current.webhook_status) &&
					safeEqual(current.webhook_verification_key, key);
				if (ours) remember(this, current.bot_url, ownUrl, key);
				return ours;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if (registrationMode(this) === 'manual') return true;
				const ownUrl = this.getNodeWebhookUrl('default') ?? '';
				const workspaceId = workspaceIdOf(this);
				const current = await partnerWebhook.call(this, 'GET', workspaceId);
				if (
					registeredElsewhere(current.webhook_url, ownUrl, this.getNode().webhookId) &&
					!this.getNodeParameter('replaceOtherRegistration', false)
				) {
					throw new NodeOperationError(
						this.getNode(),
						`The API Chat webhook of workspace ${workspaceId} already points to another URL`,
						{
							description: `UChat keeps one webhook per workspace and it sends this workspace's messages to ${current.webhook_url.slice(0, 200)} (another workflow or system). Unpublish that workflow or remove the webhook there, or turn on "Replace Another Registration" to take the workspace over.`,
						},
					);
				}
				if (this.getMode() === 'manual' && !this.getNodeParameter('allowTestTakeover', false)) {
					if (isOwnProductionRegistration(current.webhook_url, ownUrl, this.getNode().webhookId)) {
						throw new NodeOperationError(
							this.getNode(),
							'The API Chat webhook of this workspace points at this workflow\'s production URL',
							{
								description:
									'UChat keeps one webhook per workspace, so listening for a test event would take it over and break the published workflow. Unpublish the workflow first, or turn on "Allow Test to Replace Production".',
							},
						);
					}
				}
				const key = await verificationKeyOf(this);
				const registered = await partnerWebhook.call(this, 'POST', workspaceId, {
					webhook_url: ownUrl,
					webhook_verification_key: key,
				});
				if (!isVerifiedStatus(registered.webhook_status) || !sameUrl(registered.webhook_url, ownUrl)) {
					throw new NodeApiError(this.getNode(), { webhook_status: registered.webhook_status } as JsonObject, {
						message: `UChat did not verify the webhook URL (status "${registered.webhook_status || 'empty'}")`,
						description:
							'UChat must reach this URL to verify it: check that n8n\'s webhook URL (WEBHOOK_URL) is public and HTTPS, then publish again.',
					});
				}
				remember(this, registered.bot_url, ownUrl, key);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				if (registrationMode(this) === 'manual') return true;
				const ownUrl = this.getNodeWebhookUrl('default') ?? '';
				const workspaceId = workspaceIdOf(this);
				const current = await partnerWebhook.call(this, 'GET', workspaceId);
				if (sameUrl(current.webhook_url, ownUrl)) {
					await partnerWebhook.call(this, 'DELETE', workspaceId);
				}
				const data = staticDataOf(this);
				delete data.botUrl;
				delete data.registeredUrl;
				delete data.registeredKey;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = webhookRequest(this);
		try {
			const raw = await readBody(req);
			const keys = await acceptedKeysOf(this);
			const verification = verificationParams(req.query ?? {}, raw, contentTypeOf(req));
			if (verification) {
				const outcomes = keys.map((key) => handshake(verification, key));
				const outcome = outcomes.find((candidate) => candidate.statusCode === 200) ?? outcomes[0];
				if (outcome.statusCode === 200) return respondText(this, 200, outcome.challenge);
				return respondError(this, outcome.statusCode, outcome.message);
			}
			if (this.getWebhookName() === 'setup') {
				return respondError(
					this,
					400,
					'GET requests must be verification requests (hub_mode, hub_verify_token, hub_challenge)',
				);
			}
			if (!keys.some((key) => isValidSignature(raw, header(req, SIGNATURE_HEADER), key))) {
				return respondError(this, 401, 'Missing or invalid X-Hub-Signature-256');
			}
			const body = parseJsonObject(raw);
			const payload = parseUChatRequest(body);
			const automatic = registrationMode(this) === 'automatic';
			const common = toUChatItem(payload, body, {
				action: header(req, 'x-action'),
				flowNs: header(req, 'x-flow-ns'),
				workspaceId: automatic ? workspaceIdOf(this) : undefined,
				// Saved when the workflow was published; the answer never waits for the partner API.
				botUrl: automatic ? staticDataOf(this).botUrl || undefined : undefined,
				receivedAt: new Date(),
			});
			const item = withOrigin(common, payload.sender_id);
			if (item.private === true && !this.getNodeParameter('includePrivateNotes', false)) return respondText(this, 200, '');
			return startThenAcknowledge(this, [item]);
		} catch (error) {
			return respondFailure(this, error);
		}
	}
}
