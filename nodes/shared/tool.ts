import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * n8n offers every `usableAsTool` node to AI agents as "<Node> Tool", with the node's own properties. The
 * `@tool` display condition (true in the tool variant only) is how a property shows in one of the two.
 */
export function onlyInNode(property: INodeProperties): INodeProperties {
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, '@tool': [false] } } };
}

/**
 * An Operation parameter split in two: the node offers every operation, its tool variant only those an agent
 * can use (`hidden` need a pending webhook request, a trigger item or a one-off setup).
 */
export function operationWithoutToolOnly(operation: INodeProperties, hidden: readonly string[]): INodeProperties[] {
	const usable = (operation.options ?? []).filter(
		(option) => !('value' in option) || !hidden.includes(String(option.value)),
	);
	if (usable.length === (operation.options ?? []).length) return [operation];
	const values = usable.map((option) => ('value' in option ? option.value : undefined));
	const toolDefault = values.includes(operation.default as string) ? operation.default : values[0];
	return [
		onlyInNode(operation),
		{
			...operation,
			options: usable,
			default: toolDefault ?? '',
			displayOptions: { ...operation.displayOptions, show: { ...operation.displayOptions?.show, '@tool': [true] } },
		},
	];
}

/** Refuses an operation that the tool variant does not offer (a workflow saved before, or edited by hand). */
export function refuseInTool(ctx: IExecuteFunctions, operation: string, hidden: readonly string[]): void {
	if (!ctx.getNode().type.endsWith('Tool') || !hidden.includes(operation)) return;
	throw new NodeOperationError(ctx.getNode(), `This operation cannot run as an AI tool`, {
		description: 'Use the node itself (not its Tool variant) for this operation, in the workflow the agent calls.',
	});
}

/** The node's properties with every Operation parameter split by `operationWithoutToolOnly`. */
export function toolAwareProperties(properties: INodeProperties[], hidden: readonly string[]): INodeProperties[] {
	return properties.flatMap((property) =>
		property.name === 'operation' && property.type === 'options' ? operationWithoutToolOnly(property, hidden) : [property],
	);
}
