import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

/**
 * A value the user gave that cannot work: the message names the field as the node shows it, the hint says what
 * to do. The runner turns it into a NodeOperationError with the hint as description.
 */
export class ParameterError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

const DEFAULT_HINT = 'Check the field named in the message: open the node and look at the value this item maps into it.';

/** Any failure as a node error that names the item; a plain error gets a description that says what to do. */
export function itemError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		if (error instanceof NodeOperationError && !error.description) error.description = DEFAULT_HINT;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	const own = error instanceof ParameterError ? error.hint : undefined;
	return new NodeOperationError(node, message, { itemIndex, description: own ?? DEFAULT_HINT });
}

/**
 * What Continue On Fail outputs for a failed item: the input's fields, the error text, the pairing. With On
 * Error "Continue (using error output)" the item is `{ error }` alone: n8n sends only such items to the error
 * output, and adds the paired input's fields to them there itself.
 */
export function failedItem(
	node: INode,
	input: INodeExecutionData | undefined,
	error: Error,
	itemIndex: number,
): INodeExecutionData {
	const json = node.onError === 'continueErrorOutput' ? { error: error.message } : { ...(input?.json ?? {}), error: error.message };
	return { json, pairedItem: { item: itemIndex } };
}

export type ItemRun = (itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * The one per-item loop of the action nodes: runs `run` for each input item, pairs its results, and owns
 * Continue On Fail (a failed item keeps its input fields and gets `error`); without it, throws a node error
 * naming the item.
 */
export async function runForEachItem(ctx: IExecuteFunctions, run: ItemRun): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = itemError(ctx.getNode(), error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			output.push(failedItem(ctx.getNode(), items[itemIndex], nodeError, itemIndex));
		}
	}
	return output;
}

/** "chatId" -> "Chat ID": the label n8n shows for a parameter named in camelCase. */
export function fieldLabel(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(' ')
		.map((word) => {
			if (/^(id|url|api)$/i.test(word)) return word.toUpperCase();
			return word.charAt(0).toUpperCase() + word.slice(1);
		})
		.join(' ');
}
