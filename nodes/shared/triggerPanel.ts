import type { TriggerPanelDefinition } from 'n8n-workflow';

/** How n8n shows the production URL of a webhook with `path` (the editor lists the real one under Webhook URLs). */
export function productionUrlPattern(path: string): string {
	return `https://&lt;your n8n&gt;/webhook/&lt;webhook ID&gt;${path === '' ? '' : `/${path}`}`;
}

export interface PastedUrlPanel {
	/** The platform, as the user knows it. */
	service: string;
	/** Where on the platform the URL goes and what else to enter there; `{url}` stands for the URL to paste. */
	setup: string;
	/** The URL to paste, written with the placeholders of `productionUrlPattern`. */
	url: string;
	/** How a test event reaches the editor, when it is not by pasting the Test URL into the platform. */
	testing?: string;
}

/**
 * The trigger panel of a webhook whose URL the user pastes into the platform: which URL, where, and that the
 * Production URL answers only while the workflow is published (a test event needs the Test URL pasted there).
 */
export function pastedUrlTriggerPanel(panel: PastedUrlPanel): TriggerPanelDefinition {
	const setup = panel.setup.replace('{url}', `<code>${panel.url}</code>`);
	const testing =
		panel.testing ??
		`click 'Execute step' and let ${panel.service} call the Test URL (the same URL with <code>/webhook-test/</code> ` +
			'instead of <code>/webhook/</code>)';
	const building = `<b>While building your workflow</b>, ${testing}; that execution shows up in this editor.<br /><br />`;
	const listed = 'Its executions show up in the <a data-key="executions">executions list</a>, not in the editor.';
	return {
		header: `Pull in an event from ${panel.service}`,
		executionsHelp: {
			inactive: `${building}<b>To run the workflow automatically</b>, publish it, then ${setup} ${listed}`,
			active: `${building}<b>The workflow is published</b>: ${setup} ${listed}`,
		},
		activationHint: {
			inactive: `Publish the workflow, then ${setup}`,
			active: `This workflow is published and answers at its Production URL: ${setup}`,
		},
	};
}
