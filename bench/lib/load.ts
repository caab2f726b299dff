import autocannon from 'autocannon';

export interface LoadRequest {
	method: 'POST' | 'GET';
	url: string;
	headers?: Record<string, string>;
	body?: string;
}

export interface LoadResult {
	requestsPerSecond: number;
	answered2xx: number;
	non2xx: number;
	errors: number;
	p50Ms: number;
	p99Ms: number;
	durationS: number;
}

async function drive(request: LoadRequest, limits: { duration?: number; amount?: number }, connections: number) {
	const result = await autocannon({
		url: request.url,
		method: request.method,
		headers: request.headers,
		body: request.body,
		connections,
		...limits,
	});
	return {
		requestsPerSecond: result.requests.average,
		answered2xx: result['2xx'],
		non2xx: result.non2xx,
		errors: result.errors + result.timeouts,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		durationS: result.duration,
	};
}

/** Drives one URL with autocannon for a fixed time and a fixed number of connections. */
export function runLoad(request: LoadRequest, { connections = 10, durationS = 10 } = {}): Promise<LoadResult> {
	return drive(request, { duration: durationS }, connections);
}

/** Sends exactly `total` requests (for memory runs), as fast as `connections` allow. */
export function runCount(request: LoadRequest, total: number, connections = 10): Promise<LoadResult> {
	return drive(request, { amount: total }, connections);
}
