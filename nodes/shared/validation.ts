import type { ZodError } from 'zod';

/** The first problem of a zod validation, as "field.path: message". */
export function describeZodError(error: ZodError, root = 'body'): string {
	const issue = error.issues[0];
	if (!issue) return `${root} is invalid`;
	const path = issue.path.length > 0 ? `${root}.${issue.path.join('.')}` : root;
	return `${path}: ${issue.message}`;
}
