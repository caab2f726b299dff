import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';

import { delay } from '../harness/wait';

/**
 * Posts once the webhook is routed. Activation goes through n8n's publication queue, so a fresh webhook can
 * answer 404 "not registered" for a moment; such a request starts no execution, so it is safe to repeat.
 */
export async function postWhenRegistered(url: string, body: unknown, config: AxiosRequestConfig = {}, timeoutMs = 60_000): Promise<AxiosResponse> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await axios.post(url, body, { validateStatus: () => true, ...config });
		const notRegistered = response.status === 404 && JSON.stringify(response.data).includes('not registered');
		if (!notRegistered || Date.now() > deadline) return response;
		await delay(300);
	}
}
