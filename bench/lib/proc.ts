import { readFileSync } from 'fs';

/** Resident memory of a process in MiB (VmRSS), or of its peak (VmHWM). */
export function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
	if (!match) throw new Error(`no ${field} for pid ${pid}`);
	return Math.round(Number(match[1]) / 1024);
}
