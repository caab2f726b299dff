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

/** Drives one URL with autocannon for a fixed time and a fixed number of connections. */
export async function runLoad(request: LoadRequest, { connections = 10, durationS = 10 } = {}): Promise<LoadResult> {
	const result = await autocannon({
		url: request.url,
		method: request.method,
		headers: request.headers,
		body: request.body,
		connections,
		duration: durationS,
	});
	return {
		requestsPerSecond: result.requests.average,
		answered2xx: result['2xx'],
		non2xx: result.non2xx,
		errors: result.errors + result.timeouts,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		durationS,
	};
}

/** Sends exactly `total` requests (for memory runs), as fast as `connections` allow. */
export async function runCount(request: LoadRequest, total: number, connections = 10): Promise<LoadResult> {
	const result = await autocannon({
		url: request.url,
		method: request.method,
		headers: request.headers,
		body: request.body,
		connections,
		amount: total,
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
