import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	EngineRequest,
	EngineResponse,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeOutput,
} from 'n8n-workflow';

import { sendResult } from '../../../shared/message';
import { failedItem, itemError } from '../../../shared/runner';
import { OUTCOME_SLOT, currentExecutionAddress, encodeDeliveryId } from '../../delivery';
import { brixPost } from '../../transport';
import { buildMessage } from './send';

/**
 * Send with "Wait for Delivery": the execution is the outbox.
 *
 * n8n re-runs a node that was put to wait only as a pass-through, so one waiting step cannot re-send. The node
 * therefore asks the engine (an EngineRequest, the mechanism n8n's agents use to run their tools and resume
 * afterwards) to run a wait step of this same node, and to run this node again once that step is over. The wait
 * step puts the execution to wait until the next deadline; it ends either through the resume webhook (the BRIX
 * Trigger forwards a messageOutcome; the outcome comes back as the step's output) or through n8n's timer. The
 * node then decides: confirmed, re-send, or give up. Everything it knows travels in the request's metadata,
 * which n8n stores with the waiting execution.
 */

const WAIT_UNTIL = 'brixDeliveryWaitUntil';
const STEP_ID = 'brix-delivery-step-';

interface Delivery extends IDataObject {
	item: number;
	/** The message ID as the workflow gave it. */
	messageId: string;
	/** The message ID as BRIX gets it (with the execution's address). */
	externalMessageId: string;
	chatId: string;
	userId: string;
	url: string;
	data: IDataObject;
	timeoutMs: number;
	maxAttempts: number;
	attempts: number;
	deadline: number;
	status: 'pending' | 'delivered' | 'failed';
	statusCode?: number;
	/** Why the last attempt did not count as delivered. */
	problem?: string;
	/** Why the last request did not reach BRIX, if it did not. */
	sendError?: string;
}

interface DeliveryState extends IDataObject {
	step: number;
	deliveries: Delivery[];
}

function stateOf(response: EngineResponse | undefined): DeliveryState | undefined {
	const metadata = response?.metadata as IDataObject | undefined;
	const state = metadata?.brixDelivery as DeliveryState | undefined;
	return state && Array.isArray(state.deliveries) ? state : undefined;
}

/** The wait step's deadline when this run is a wait step requested by `deliver`. */
function waitStepUntil(ctx: IExecuteFunctions): number | undefined {
	const json = ctx.getInputData()[0]?.json;
	const requested = ctx.getExecuteData().metadata?.preserveSourceOverwrite === true;
	if (!requested || typeof json?.[WAIT_UNTIL] !== 'number') return undefined;
	return typeof json.toolCallId === 'string' && json.toolCallId.startsWith(STEP_ID) ? json[WAIT_UNTIL] : undefined;
}

async function waitStep(ctx: IExecuteFunctions, until: number): Promise<INodeExecutionData[][]> {
	const step = ctx.getExecuteData();
	// On resume n8n disables the waiting entry's node object. The engine gave this step the same object as the
	// entry that runs `deliver` again afterwards, and n8n stores executions with shared references intact: without
	// a copy, that run would be disabled too.
	step.node = { ...step.node };
	// When the timer ends the wait, n8n passes this step's stored input on to the next nodes: keep it empty.
	step.data = { main: [[]] };
	await ctx.putExecutionToWait(new Date(until));
	return [[]];
}

/** 4xx answers other than 408/429: BRIX will not take this message however often it comes. */
function isRefusal(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const code = Number(error.httpCode);
	return code >= 400 && code < 500 && code !== 408 && code !== 429;
}

async function attempt(this: IExecuteFunctions, delivery: Delivery): Promise<void> {
	delivery.attempts++;
	delivery.deadline = Date.now() + delivery.timeoutMs;
	try {
		const response = await brixPost.call(this, delivery.url, { type: 'message', data: delivery.data }, delivery.item, true);
		delivery.statusCode = response.statusCode;
		delivery.sendError = undefined;
	} catch (error) {
		delivery.sendError = (error as Error).message;
		delivery.problem = delivery.sendError;
		if (isRefusal(error)) delivery.status = 'failed';
	}
}

/** Sends again, or gives up when the attempts are used up. */
async function retry(this: IExecuteFunctions, delivery: Delivery, problem: string): Promise<void> {
	delivery.problem = problem;
	if (delivery.attempts >= delivery.maxAttempts) delivery.status = 'failed';
	else await attempt.call(this, delivery);
}

async function start(this: IExecuteFunctions): Promise<DeliveryState> {
	const state: DeliveryState = { step: 0, deliveries: [] };
	const items = this.getInputData();
	for (let item = 0; item < items.length; item++) {
		try {
			const built = await buildMessage.call(this, item, (messageId) =>
				encodeDeliveryId(currentExecutionAddress(this, messageId)),
			);
			const delivery: Delivery = {
				item,
				messageId: built.messageId,
				externalMessageId: String(built.data.externalMessageId),
				chatId: built.chatId,
				userId: built.userId,
				url: built.url,
				data: built.data,
				timeoutMs: Math.max(1, Number(this.getNodeParameter('outcomeTimeout', item, 300))) * 1000,
				maxAttempts: Math.max(1, Math.floor(Number(this.getNodeParameter('maxAttempts', item, 5)))),
				attempts: 0,
				deadline: 0,
				status: 'pending',
			};
			state.deliveries.push(delivery);
			await attempt.call(this, delivery);
		} catch (error) {
			const nodeError = itemError(this.getNode(), error, item);
			if (!this.continueOnFail()) throw nodeError;
			state.deliveries.push({ item, status: 'failed', problem: nodeError.message } as Delivery);
		}
	}
	return state;
}

async function applyOutcomes(this: IExecuteFunctions, state: DeliveryState, response: EngineResponse): Promise<void> {
	const stepId = `${STEP_ID}${state.step}`;
	const outcomes = response.actionResponses
		.filter((result) => result.action.id === stepId)
		.flatMap((result) => result.data.data?.main?.[OUTCOME_SLOT] ?? []);
	for (const { json } of outcomes) {
		const delivery = state.deliveries.find((d) => d.status === 'pending' && d.externalMessageId === json.messageId);
		if (!delivery) continue;
		if (json.success === true) delivery.status = 'delivered';
		else await retry.call(this, delivery, `BRIX answered success=false to attempt ${delivery.attempts}`);
	}
}

async function sendOverdue(this: IExecuteFunctions, state: DeliveryState): Promise<void> {
	const now = Date.now();
	for (const delivery of state.deliveries) {
		if (delivery.status !== 'pending' || delivery.deadline > now) continue;
		const silence = `no messageOutcome within ${delivery.timeoutMs / 1000} s of attempt ${delivery.attempts}`;
		await retry.call(this, delivery, delivery.sendError ?? silence);
	}
}

function waitRequest(this: IExecuteFunctions, state: DeliveryState): EngineRequest<IDataObject> {
	state.step++;
	const pending = state.deliveries.filter((d) => d.status === 'pending');
	const until = Math.min(...pending.map((d) => d.deadline));
	return {
		actions: [
			{
				actionType: 'ExecutionNodeAction',
				nodeName: this.getNode().name,
				input: { [WAIT_UNTIL]: until },
				type: NodeConnectionTypes.Main,
				id: `${STEP_ID}${state.step}`,
				metadata: {},
			},
		],
		metadata: { brixDelivery: state },
	};
}

function finish(this: IExecuteFunctions, state: DeliveryState): INodeExecutionData[][] {
	const output: INodeExecutionData[] = [];
	for (const delivery of state.deliveries) {
		const pairedItem = { item: delivery.item };
		if (delivery.status === 'delivered') {
			const { messageId, externalMessageId, chatId, userId, attempts, statusCode } = delivery;
			output.push({
				json: sendResult('brix', chatId, messageId, { externalMessageId, userId, delivered: true, attempts, statusCode }),
				pairedItem,
			});
			continue;
		}
		const message =
			delivery.messageId === undefined
				? delivery.problem ?? 'The message could not be built'
				: `BRIX did not confirm message ${delivery.messageId} after ${delivery.attempts} attempt(s): ${delivery.problem}`;
		const error = new NodeOperationError(this.getNode(), message, {
			itemIndex: delivery.item,
			description: 'BRIX refused or did not confirm the message: check the channel in BRIX, then raise Max Attempts or Outcome Timeout if it is slow.',
		});
		if (!this.continueOnFail()) throw error;
		output.push(failedItem(this.getNode(), this.getInputData()[delivery.item], error, delivery.item));
	}
	return [output];
}

/** Send, then wait for each message's outcome, re-sending on failure or silence. */
export async function deliver(this: IExecuteFunctions, response?: EngineResponse): Promise<NodeOutput> {
	const until = waitStepUntil(this);
	if (until !== undefined) return await waitStep(this, until);
	if (this.getNode().alwaysOutputData) {
		throw new NodeOperationError(this.getNode(), 'Wait for Delivery does not work with the setting "Always Output Data"', {
			description: 'Turn off "Always Output Data" in the node settings, or turn off Wait for Delivery.',
		});
	}
	let state = stateOf(response);
	if (state && response) await applyOutcomes.call(this, state, response);
	else state = await start.call(this);
	await sendOverdue.call(this, state);
	if (state.deliveries.some((d) => d.status === 'pending')) return waitRequest.call(this, state);
	return finish.call(this, state);
}
